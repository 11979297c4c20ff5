import { limit } from "@grammyjs/ratelimiter";
import type { Context, MiddlewareFn } from "grammy";
import type { Locale } from "../../config.js";
import { resolveLocale, type Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";

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
  deps: { translator: Translator; defaultLocale: Locale; logger: Logger },
): MiddlewareFn<Context> {
  const limiter = limit<Context, NonNullable<FloodGuardOptions["redis"]>>({
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
  // When the counters cannot be reached (Redis down), updates go through unlimited rather than
  // every user getting an error; a failure after the limiter let the update in is not ours.
  return async (ctx, next) => {
    let admitted = false;
    try {
      await limiter(ctx, async () => {
        admitted = true;
        await next();
      });
    } catch (error) {
      if (admitted) throw error;
      deps.logger.warn({ error: String(error) }, "flood guard unavailable; update let through");
      await next();
    }
  };
}
