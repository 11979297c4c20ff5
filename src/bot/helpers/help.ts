import { commandsAvailable } from "../../domain/commands.js";
import { helpText } from "../../render/help.js";
import type { BotContext } from "../context.js";
import { rolesOf } from "./display.js";

/** The help text for this user in this chat: only the commands their roles may use here. */
export function helpFor(ctx: BotContext): string {
  const chat = ctx.chat?.type === "private" ? "private" : "group";
  return helpText(ctx.t, commandsAvailable(rolesOf(ctx.person?.memberships ?? []), chat));
}
