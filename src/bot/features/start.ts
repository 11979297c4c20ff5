import { Composer } from "grammy";
import { z } from "zod";
import type { Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { welcomeText } from "../../render/memberships.js";
import type { BotContext } from "../context.js";
import { refreshPersonalMenu } from "../helpers/menus.js";
import type { StartPayloadHandler } from "../helpers/start-payload.js";

/** Telegram deep-link payloads: up to 64 characters of A-Z, a-z, 0-9, _ and -. */
const startPayloadSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function startFeature(deps: {
  payloadHandlers: readonly StartPayloadHandler[];
  translator: Translator;
  logger: Logger;
}) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    if (payload) {
      await handlePayload(ctx, payload, deps.payloadHandlers);
      return;
    }
    const welcome = welcomeText(ctx.t, ctx.locale, {
      name: ctx.from?.first_name ?? "",
      telegramId: ctx.from?.id ?? 0,
      memberships: ctx.person?.memberships ?? [],
    });
    await ctx.reply(welcome, { parse_mode: "HTML" });
    await refreshPersonalMenu(ctx, deps);
  });

  feature.chatType(["group", "supergroup"]).command("start", async (ctx) => {
    await ctx.reply(ctx.t("start.group"), { parse_mode: "HTML" });
  });

  return feature;
}

async function handlePayload(ctx: BotContext, payload: string, handlers: readonly StartPayloadHandler[]) {
  if (startPayloadSchema.safeParse(payload).success) {
    for (const handler of handlers) {
      if (await handler(ctx, payload)) return;
    }
  }
  await ctx.reply(ctx.t("start.invalidLink"), { parse_mode: "HTML" });
}
