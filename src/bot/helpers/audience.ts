import type { Audience } from "../../domain/disclosure.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { BotContext } from "../context.js";

/** Who reads the answer in this chat: the asker alone, or a group (bound to a unit or not). */
export async function audienceOf(ctx: BotContext, chatBindings: ChatBindingsRepository): Promise<Audience> {
  if (ctx.chat?.type === "private") return { kind: "private" };
  const binding = ctx.chat ? await chatBindings.findActive(ctx.chat.id) : null;
  return {
    kind: "group",
    boundUnitId: binding?.unit.id ?? null,
    internal: binding?.unit.groupIsInternal ?? false,
  };
}
