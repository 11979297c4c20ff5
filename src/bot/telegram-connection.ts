// The bot's first call to Telegram (getMe), made so that an operator sees at once what is
// wrong. grammY's `bot.init()` through the auto-retry transformer retries a network failure
// silently, with pauses doubling up to an hour: a wrong TELEGRAM_API_ROOT or a machine without
// a route to api.telegram.org looked like a process that hung after "database migrated".
// Here each failed attempt is one warning naming the host and the error, the pauses stay
// short (Telegram may only be away for a moment), and a refused token stops the start.
import { type Api, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { type Logger, redactToken } from "../logger.js";
import { TelegramTokenRejected } from "../start-up-failure.js";

export const DEFAULT_TELEGRAM_API_ROOT = "https://api.telegram.org";

export interface TelegramConnectionOptions {
  /** An Api without the auto-retry transformer: every failure must come back here. */
  api: Pick<Api, "getMe">;
  /** Kept out of the log: fetch errors name the URL, which carries it. */
  token: string;
  /** TELEGRAM_API_ROOT, or null for Telegram's own. */
  apiRoot: string | null;
  logger: Pick<Logger, "info" | "warn">;
  /** Pause after the n-th failure (0-based); the last one repeats. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];

/**
 * The bot's own account, asked until Telegram answers. Throws `TelegramTokenRejected` when the
 * token is refused (401, or 404 for a token the server does not know); retries anything else.
 */
export async function fetchBotInfo(options: TelegramConnectionOptions): Promise<UserFromGetMe> {
  const host = new URL(options.apiRoot ?? DEFAULT_TELEGRAM_API_ROOT).host;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      const me = await options.api.getMe();
      if (attempt > 1) options.logger.info({ host, attempt }, "Telegram reached");
      return me;
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new TelegramTokenRejected(host, error.error_code, error.description);
      }
      const retryInMs = delays[Math.min(attempt - 1, delays.length - 1)] ?? 30_000;
      options.logger.warn(
        {
          error: "TelegramNotReachable",
          host,
          reason: redactToken(describeFailure(error), options.token),
          attempt,
          retryInMs,
        },
        "cannot reach Telegram; retrying",
      );
      await sleep(retryInMs);
    }
  }
}

/** What went wrong on the way to Telegram, in a few words. */
export function describeFailure(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  if (!(error instanceof HttpError)) return error instanceof Error ? error.message : String(error);
  const inner = error.error;
  if (inner instanceof SyntaxError) return "the answer is not JSON: not a Bot API server";
  // undici's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND, a certificate) in its cause.
  const cause = (inner as { cause?: { message?: unknown } } | null)?.cause;
  const text =
    typeof cause?.message === "string" && cause.message !== ""
      ? cause.message
      : inner instanceof Error
        ? inner.message
        : String(inner);
  // node-fetch says "request to <url> failed, reason: <why>"; the URL adds nothing.
  return text.replace(/^request to \S+ failed, reason: /, "");
}
