import { Composer } from "grammy";
import { z } from "zod";
import type { Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { registerPersonalCommands } from "../commands.js";
import type { BotContext } from "../context.js";
import { placeName, rolesOf } from "../helpers/display.js";

/** Telegram deep-link payloads: up to 64 characters of A-Z, a-z, 0-9, _ and -. */
const startPayloadSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Handles a `/start <payload>` deep link. Returns true when the payload was its kind (for
 * example an invite code), whether or not it was accepted.
 */
export type StartPayloadHandler = (ctx: BotContext, payload: string) => Promise<boolean>;

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
    await ctx.reply(welcomeText(ctx), { parse_mode: "HTML" });
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

function welcomeText(ctx: BotContext): string {
  const name = ctx.from?.first_name ?? "";
  const memberships = ctx.person?.memberships ?? [];
  if (memberships.length === 0) {
    return [
      ctx.t("start.welcome", { name }),
      ctx.t("start.noMembership", { telegramId: ctx.from?.id ?? 0 }),
    ].join("\n\n");
  }
  const lines = memberships.map((membership) =>
    ctx.t("start.membershipLine", {
      role: ctx.t(`roles.${membership.role}`),
      unit: placeName(membership.unit, ctx.t, ctx.locale),
    }),
  );
  return [
    ctx.t("start.welcome", { name }),
    ctx.t("start.yourRoles"),
    ...lines,
    "",
    ctx.t("start.seeHelp"),
  ].join("\n");
}

/**
 * A person with roles gets a command menu of their own. Telegram accepts a chat-scoped menu
 * only once the person has opened the bot, so /start is where it is (re)set.
 */
export async function refreshPersonalMenu(ctx: BotContext, deps: { translator: Translator; logger: Logger }) {
  const roles = rolesOf(ctx.person?.memberships ?? []);
  if (!ctx.from || roles.length === 0) return;
  try {
    await registerPersonalCommands(ctx.api, deps.translator, {
      telegramUserId: ctx.from.id,
      locale: ctx.locale,
      roles,
    });
  } catch (error) {
    deps.logger.warn({ userId: ctx.from.id, error: String(error) }, "could not set a personal command menu");
  }
}
