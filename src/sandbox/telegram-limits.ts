import { MAX_CALLBACK_DATA_BYTES, MAX_CAPTION, MAX_MESSAGE_TEXT } from "../render/telegram-limits.js";
import { badRequest } from "./api-error.js";

// The numbers are the bot's own (src/render): the sandbox enforces what the bot keeps within,
// with enforcement code of its own.
export {
  MAX_CALLBACK_DATA_BYTES,
  MAX_CAPTION,
  MAX_DOWNLOAD_BYTES,
  MAX_MESSAGE_TEXT,
  MAX_UPLOAD_BYTES,
} from "../render/telegram-limits.js";

/** Telegram measures lengths in UTF-16 code units, which is what a JS string's length counts. */
export const utf16Length = (text: string): number => text.length;

/** Expects the text after parsing and trimming. */
export function assertMessageText(text: string): void {
  if (text === "") throw badRequest("message text is empty");
  if (utf16Length(text) > MAX_MESSAGE_TEXT) throw badRequest("message is too long");
}

export function assertCaption(caption: string): void {
  if (utf16Length(caption) > MAX_CAPTION) throw badRequest("message caption is too long");
}

const INLINE_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

/** Checks the parts of a reply markup Telegram rejects; other kinds of markup pass as they are. */
export function assertReplyMarkup(markup: unknown): void {
  if (typeof markup !== "object" || markup === null || !("inline_keyboard" in markup)) return;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const button of rows.flat()) assertInlineButton(button);
}

function assertInlineButton(button: unknown): void {
  if (typeof button !== "object" || button === null) throw badRequest("can't parse inline keyboard button");
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  if (!INLINE_ACTIONS.some((action) => action in fields)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if ("callback_data" in fields && !isValidCallbackData(fields.callback_data)) {
    throw badRequest("BUTTON_DATA_INVALID");
  }
}

export function isValidCallbackData(data: unknown): boolean {
  if (typeof data !== "string") return false;
  const bytes = Buffer.byteLength(data, "utf8");
  return bytes >= 1 && bytes <= MAX_CALLBACK_DATA_BYTES;
}

// ---- Flood limits ----------------------------------------------------------------------------

export const FLOOD_RULES = {
  /** Messages per second, all chats together (sliding window). */
  globalPerSecond: 30,
  /** Private chats: a token bucket holding this many messages... */
  privateBurst: 3,
  /** ...refilled at this many per second, so a burst of 3, then 1 per second. */
  privatePerSecond: 1,
  /** Groups and supergroups: messages per sliding minute. */
  groupPerMinute: 20,
} as const;

export type FloodRules = { [K in keyof typeof FLOOD_RULES]: number };

/**
 * Every rate times `scale` (the burst stays a count), for benchmarks that want Telegram's
 * shape of limits in less time. retry_after stays whole seconds, as Telegram answers.
 */
export function scaledFloodRules(scale: number): FloodRules {
  if (!(scale > 0)) throw new Error(`flood scale must be positive: ${scale}`);
  return {
    globalPerSecond: FLOOD_RULES.globalPerSecond * scale,
    privateBurst: FLOOD_RULES.privateBurst,
    privatePerSecond: FLOOD_RULES.privatePerSecond * scale,
    groupPerMinute: FLOOD_RULES.groupPerMinute * scale,
  };
}

export interface TokenBucket {
  tokens: number;
  updatedAtMs: number;
}

export function refillBucket(
  bucket: TokenBucket | undefined,
  nowMs: number,
  capacity: number,
  perSecond: number,
): TokenBucket {
  if (bucket === undefined) return { tokens: capacity, updatedAtMs: nowMs };
  const earned = ((nowMs - bucket.updatedAtMs) / 1000) * perSecond;
  return { tokens: Math.min(capacity, bucket.tokens + earned), updatedAtMs: nowMs };
}

/** Milliseconds until the bucket holds a whole token; 0 when it does now. */
export function bucketWaitMs(bucket: TokenBucket, perSecond: number): number {
  // The epsilon absorbs floating-point drift, so a token earned exactly now counts.
  return bucket.tokens >= 1 - 1e-9 ? 0 : ((1 - bucket.tokens) / perSecond) * 1000;
}

export function pruneWindow(timestamps: readonly number[], nowMs: number, windowMs: number): number[] {
  return timestamps.filter((t) => t > nowMs - windowMs);
}

/** Milliseconds until one more event fits into a sliding window that holds `limit` events; 0 when it fits now. */
export function windowWaitMs(
  timestamps: readonly number[],
  nowMs: number,
  limit: number,
  windowMs: number,
): number {
  const recent = pruneWindow(timestamps, nowMs, windowMs);
  if (recent.length < limit) return 0;
  const blocking = recent[recent.length - limit] ?? nowMs;
  return blocking + windowMs - nowMs;
}

/** Telegram answers whole seconds and never 0. */
export const retryAfterSeconds = (waitMs: number): number => Math.max(1, Math.ceil(waitMs / 1000));

export type FloodChatKind = "private" | "group";

/** Remembers accepted messages and decides whether the next one to a chat may go out now. */
export class FloodLimiter {
  private global: number[] = [];
  private readonly privateBuckets = new Map<number, TokenBucket>();
  private readonly groupWindows = new Map<number, number[]>();

  constructor(private readonly rules: FloodRules = FLOOD_RULES) {}

  /** Returns 0 and counts the message when it is allowed, otherwise the seconds to wait (nothing counted). */
  admit(chatId: number, kind: FloodChatKind, nowMs: number): number {
    const globalWait = windowWaitMs(this.global, nowMs, this.rules.globalPerSecond, 1000);
    const chatWait = kind === "private" ? this.privateWait(chatId, nowMs) : this.groupWait(chatId, nowMs);
    const waitMs = Math.max(globalWait, chatWait);
    if (waitMs > 0) return retryAfterSeconds(waitMs);
    this.commit(chatId, kind, nowMs);
    return 0;
  }

  reset(): void {
    this.global = [];
    this.privateBuckets.clear();
    this.groupWindows.clear();
  }

  private privateWait(chatId: number, nowMs: number): number {
    const bucket = refillBucket(
      this.privateBuckets.get(chatId),
      nowMs,
      this.rules.privateBurst,
      this.rules.privatePerSecond,
    );
    return bucketWaitMs(bucket, this.rules.privatePerSecond);
  }

  private groupWait(chatId: number, nowMs: number): number {
    return windowWaitMs(this.groupWindows.get(chatId) ?? [], nowMs, this.rules.groupPerMinute, 60_000);
  }

  private commit(chatId: number, kind: FloodChatKind, nowMs: number): void {
    this.global = [...pruneWindow(this.global, nowMs, 1000), nowMs];
    if (kind === "private") {
      const bucket = refillBucket(
        this.privateBuckets.get(chatId),
        nowMs,
        this.rules.privateBurst,
        this.rules.privatePerSecond,
      );
      this.privateBuckets.set(chatId, { tokens: bucket.tokens - 1, updatedAtMs: nowMs });
    } else {
      const window = pruneWindow(this.groupWindows.get(chatId) ?? [], nowMs, 60_000);
      this.groupWindows.set(chatId, [...window, nowMs]);
    }
  }
}
