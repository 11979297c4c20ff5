import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import type { Locale } from "../../config.js";
import { resolveLocale, type Translator } from "../../i18n/index.js";

export interface FloodGuardOptions {
  /** Updates one user may send per time frame; the rest are dropped unanswered. */
  limit: number;
  timeFrameMs: number;
  /** Counters shared by every instance of the bot; in memory without it. */
  redis?: { incr(key: string): Promise<number>; pexpire(key: string, ms: number): Promise<number> } | null;
}

export const DEFAULT_FLOOD_GUARD: FloodGuardOptions = { limit: 8, timeFrameMs: 3000 };

/**
 * Drops a user's updates beyond the limit before they cost a database round trip. The user is
 * told once per excess (privately or on the button), never in a group.
 */
export function floodGuard(
  options: FloodGuardOptions,
  deps: { translator: Translator; defaultLocale: Locale },
): MiddlewareFn<Context> {
  return limit<Context, NonNullable<FloodGuardOptions["redis"]>>({
    limit: options.limit,
    timeFrame: options.timeFrameMs,
    storageClient: options.redis ?? "MEMORY_STORE",
    keyPrefix: "dondoc:flood:",
    keyGenerator: (ctx) => (ctx.from ? String(ctx.from.id) : undefined),
    onLimitExceeded: (ctx) => {
      const t = deps.translator.forLocale(resolveLocale(null, ctx.from?.language_code, deps.defaultLocale));
      if (ctx.callbackQuery)
        void ctx.answerCallbackQuery({ text: t("auth.slowDown") }).catch(() => undefined);
      else if (ctx.chat?.type === "private") void ctx.reply(t("auth.slowDown")).catch(() => undefined);
    },
  });
}
