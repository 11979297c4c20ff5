// How fast the sender may go, decided in memory with the clock passed in (no timers, no I/O):
// the sender asks before each send and tells it about every 429.
//
// - Overall: a token bucket at `globalPerSecond`, holding at most a tenth of a second's worth,
//   so any one-second window sees at most 1.1 x the rate (Telegram counts in sliding windows;
//   a bucket holding a whole second would allow twice the rate across a window's edge).
// - Per chat: the time of its next allowed message. A private chat gets one every
//   1 / privatePerSecond seconds, a group one every 60 / groupPerMinute (3 s by default), which
//   also keeps a group under Telegram's one a second.
// - A 429 pauses its chat for retry_after. Telegram does not say whether a 429 is about the
//   chat or the bot as a whole; we take it as global when 429s for `floodChatsForGlobal`
//   different chats arrive within `floodWindowMs` (one chat over its limit is that chat's
//   problem; several at once mean the bot's overall budget is spent), and then pause every
//   chat until the longest retry_after among them has passed.
import { chatIntervalMs, type OutboxRates } from "../domain/outbox.js";

export interface PacerOptions {
  /** How much of a second's budget the overall bucket may hold (burst). Default 0.1. */
  burstSeconds?: number;
  /** This many chats answering 429 within `floodWindowMs` count as a global flood. Default 3. */
  floodChatsForGlobal?: number;
  floodWindowMs?: number;
}

export type FloodScope = "chat" | "global";

export class Pacer {
  private readonly globalRate: number;
  private readonly capacity: number;
  private tokens: number;
  private refilledAtMs: number | null = null;
  private pausedUntilMs = 0;
  /** Per chat: when its next message may go. */
  private readonly chatReadyAtMs = new Map<number, number>();
  private recentFloods: Array<{ chatId: number; atMs: number; untilMs: number }> = [];
  private readonly floodChatsForGlobal: number;
  private readonly floodWindowMs: number;

  constructor(
    private readonly rates: OutboxRates,
    options: PacerOptions = {},
  ) {
    this.globalRate = (rates.globalPerSecond * rates.scale) / 1000;
    this.capacity = Math.max(1, rates.globalPerSecond * rates.scale * (options.burstSeconds ?? 0.1));
    this.tokens = this.capacity;
    this.floodChatsForGlobal = options.floodChatsForGlobal ?? 3;
    this.floodWindowMs = options.floodWindowMs ?? 1000;
  }

  /** Milliseconds until any message may go (the overall budget, a global pause); 0 = now. */
  globalWaitMs(nowMs: number): number {
    this.refill(nowMs);
    const paused = Math.max(0, this.pausedUntilMs - nowMs);
    const budget = this.tokens >= 1 ? 0 : (1 - this.tokens) / this.globalRate;
    return Math.max(paused, Math.ceil(budget));
  }

  /** Milliseconds until this chat may get its next message, ignoring the overall budget. */
  chatWaitMs(chatId: number, nowMs: number): number {
    return Math.max(0, (this.chatReadyAtMs.get(chatId) ?? 0) - nowMs);
  }

  /**
   * 0 when a message to `chatId` may go now, and then it is counted; otherwise the
   * milliseconds to wait, and nothing is counted.
   */
  acquire(chatId: number, nowMs: number): number {
    const wait = Math.max(this.globalWaitMs(nowMs), this.chatWaitMs(chatId, nowMs));
    if (wait > 0) return wait;
    this.tokens -= 1;
    this.chatReadyAtMs.set(chatId, nowMs + chatIntervalMs(this.rates, chatId));
    this.forgetIdleChats(nowMs);
    return 0;
  }

  /** Telegram answered 429 for `chatId`: pauses the chat, or everything when it looks global. */
  tooManyRequests(chatId: number, retryAfterMs: number, nowMs: number): FloodScope {
    const untilMs = nowMs + retryAfterMs;
    this.chatReadyAtMs.set(chatId, Math.max(untilMs, this.chatReadyAtMs.get(chatId) ?? 0));
    this.recentFloods = [
      ...this.recentFloods.filter((flood) => flood.atMs > nowMs - this.floodWindowMs),
      { chatId, atMs: nowMs, untilMs },
    ];
    const chats = new Set(this.recentFloods.map((flood) => flood.chatId));
    if (chats.size < this.floodChatsForGlobal) return "chat";
    this.pausedUntilMs = Math.max(this.pausedUntilMs, ...this.recentFloods.map((flood) => flood.untilMs));
    return "global";
  }

  private refill(nowMs: number): void {
    if (this.refilledAtMs !== null && nowMs > this.refilledAtMs) {
      this.tokens = Math.min(this.capacity, this.tokens + (nowMs - this.refilledAtMs) * this.globalRate);
    }
    if (this.refilledAtMs === null || nowMs > this.refilledAtMs) this.refilledAtMs = nowMs;
  }

  /** Chats whose wait is over need no entry: a long push must not keep one per chat forever. */
  private forgetIdleChats(nowMs: number): void {
    if (this.chatReadyAtMs.size < 10_000) return;
    for (const [chatId, readyAt] of this.chatReadyAtMs)
      if (readyAt <= nowMs) this.chatReadyAtMs.delete(chatId);
  }
}
