import { describe, expect, it } from "vitest";
import { DEFAULT_OUTBOX_RATES } from "../../src/domain/outbox.js";
import { Pacer } from "../../src/outbox/pacer.js";

const PRIVATE = 1001;
const GROUP = -2001;

/** Sends to `chatId` whenever allowed, every `stepMs` from 0 to `untilMs`; returns the send times. */
function sendTimes(pacer: Pacer, chatIds: readonly number[], stepMs: number, untilMs: number): number[] {
  const times: number[] = [];
  for (let now = 0; now <= untilMs; now += stepMs) {
    for (const chatId of chatIds) if (pacer.acquire(chatId, now) === 0) times.push(now);
  }
  return times;
}

describe("Pacer", () => {
  it.each([
    [
      "a private chat: 1 a second",
      PRIVATE,
      10_000,
      [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000],
    ],
    ["a group: 20 a minute, one every 3 s", GROUP, 12_000, [0, 3000, 6000, 9000, 12_000]],
  ])("paces %s", (_label, chatId, untilMs, expected) => {
    expect(sendTimes(new Pacer(DEFAULT_OUTBOX_RATES), [chatId], 100, untilMs)).toEqual(expected);
  });

  it("never lets more than 25 (x 1.1 burst) through in any second over many chats", () => {
    const pacer = new Pacer(DEFAULT_OUTBOX_RATES);
    const chats = Array.from({ length: 500 }, (_, i) => i + 1);
    const times = sendTimes(pacer, chats, 1, 5000);
    for (let start = 0; start <= 4000; start += 50) {
      const inWindow = times.filter((t) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(Math.floor(25 * 1.1) + 1);
    }
    // And it uses the budget: 25 a second on average.
    expect(times.length).toBeGreaterThanOrEqual(125);
  });

  it("scales every rate by one factor", () => {
    const pacer = new Pacer({ ...DEFAULT_OUTBOX_RATES, scale: 10 });
    expect(sendTimes(pacer, [PRIVATE], 10, 1000)).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000,
    ]);
    expect(sendTimes(new Pacer({ ...DEFAULT_OUTBOX_RATES, scale: 10 }), [GROUP], 100, 1200)).toEqual([
      0, 300, 600, 900, 1200,
    ]);
  });

  it("says how long to wait, and counts nothing when it says wait", () => {
    const pacer = new Pacer(DEFAULT_OUTBOX_RATES);
    expect(pacer.acquire(PRIVATE, 0)).toBe(0);
    expect(pacer.acquire(PRIVATE, 400)).toBe(600);
    expect(pacer.chatWaitMs(PRIVATE, 400)).toBe(600);
    expect(pacer.acquire(PRIVATE, 1000)).toBe(0);
    expect(pacer.acquire(GROUP, 1000)).toBe(0);
    expect(pacer.chatWaitMs(GROUP, 2000)).toBe(2000);
  });

  it("spends the overall budget, then asks for the time one message needs", () => {
    const pacer = new Pacer(DEFAULT_OUTBOX_RATES);
    // Bucket of 2.5 messages: two now, then 40 ms per message.
    expect(pacer.acquire(1, 0)).toBe(0);
    expect(pacer.acquire(2, 0)).toBe(0);
    expect(pacer.acquire(3, 0)).toBe(20);
    expect(pacer.globalWaitMs(20)).toBe(0);
    expect(pacer.acquire(3, 20)).toBe(0);
    expect(pacer.acquire(4, 20)).toBe(40);
  });

  it("pauses a chat for retry_after on one 429, and nothing else", () => {
    const pacer = new Pacer(DEFAULT_OUTBOX_RATES);
    expect(pacer.tooManyRequests(PRIVATE, 5000, 0)).toBe("chat");
    expect(pacer.chatWaitMs(PRIVATE, 0)).toBe(5000);
    expect(pacer.acquire(PRIVATE, 4999)).toBe(1);
    expect(pacer.acquire(PRIVATE + 1, 10)).toBe(0);
    expect(pacer.globalWaitMs(100)).toBe(0);
  });

  it("takes 429s from three chats within a second as global and pauses every chat", () => {
    const pacer = new Pacer(DEFAULT_OUTBOX_RATES);
    expect(pacer.tooManyRequests(1, 2000, 0)).toBe("chat");
    expect(pacer.tooManyRequests(2, 3000, 300)).toBe("chat");
    expect(pacer.tooManyRequests(3, 1000, 600)).toBe("global");
    // Until the longest retry_after among them: 300 + 3000.
    expect(pacer.globalWaitMs(700)).toBe(2600);
    expect(pacer.acquire(99, 3299)).toBe(1);
    expect(pacer.acquire(99, 3300)).toBe(0);
  });

  it("does not call spread-out 429s global", () => {
    const pacer = new Pacer(DEFAULT_OUTBOX_RATES);
    expect(pacer.tooManyRequests(1, 1000, 0)).toBe("chat");
    expect(pacer.tooManyRequests(2, 1000, 1500)).toBe("chat");
    expect(pacer.tooManyRequests(3, 1000, 3000)).toBe("chat");
    expect(pacer.tooManyRequests(3, 1000, 3100)).toBe("chat");
  });
});
