import { autoRetry } from "@grammyjs/auto-retry";
import { describe, expect, it } from "vitest";
import { FLOOD_RULES, FloodLimiter } from "../../src/sandbox/telegram-limits.js";
import { botFor, failure, startSandbox } from "./helpers.js";

describe("flood limits over HTTP", () => {
  it("answers 429 with retry_after beyond the private-chat burst; edits do not count", async () => {
    const sandbox = await startSandbox({ floodLimits: true });
    const user = sandbox.addUser({ id: 4001, first_name: "Kim" });
    const { api } = botFor(sandbox);
    const sent = [];
    for (let i = 0; i < FLOOD_RULES.privateBurst; i++)
      sent.push(await api.sendMessage(user.chatId, `burst ${i}`));

    for (const text of ["over 1", "over 2"]) {
      const error = await failure(api.sendMessage(user.chatId, text));
      expect(error).toMatchObject({
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      });
    }
    await api.editMessageText(user.chatId, sent[0]?.message_id ?? 0, "edited");
    expect(user.messages().map((m) => m.text)).toEqual(["edited", "burst 1", "burst 2"]);
    expect(sandbox.calls.filter((c) => c.errorCode === 429).map((c) => c.payload.text)).toEqual([
      "over 1",
      "over 2",
    ]);
  });

  it("grammY's auto-retry waits out the 429 and then succeeds", async () => {
    const sandbox = await startSandbox({ floodLimits: true });
    const user = sandbox.addUser({ id: 4002, first_name: "Lou" });
    const bot = botFor(sandbox);
    bot.api.config.use(autoRetry());
    const started = Date.now();
    for (let i = 0; i < FLOOD_RULES.privateBurst + 1; i++) await bot.api.sendMessage(user.chatId, `m${i}`);

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(user.messages()).toHaveLength(FLOOD_RULES.privateBurst + 1);
    expect(sandbox.calls.map((c) => c.errorCode ?? "ok")).toEqual(["ok", "ok", "ok", 429, "ok"]);
  });

  it("limits a group to 20 messages a minute, and can be switched off", async () => {
    const sandbox = await startSandbox({ floodLimits: true });
    sandbox.addGroup({ id: -100, title: "Ward 1" });
    const { api } = botFor(sandbox);
    for (let i = 0; i < FLOOD_RULES.groupPerMinute; i++) await api.sendMessage(-100, `g${i}`);
    const error = await failure(api.sendMessage(-100, "one too many"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBeGreaterThan(55);
    expect(error.parameters.retry_after).toBeLessThanOrEqual(60);

    sandbox.floodLimits = false;
    await api.sendMessage(-100, "unlimited now");
  });
});

describe("FloodLimiter", () => {
  it("allows a burst of 3 per private chat, then 1 per second", () => {
    const limiter = new FloodLimiter();
    expect([0, 10, 20, 30].map((t) => limiter.admit(1, "private", t))).toEqual([0, 0, 0, 1]);
    expect(limiter.admit(2, "private", 40)).toBe(0);
    expect(limiter.admit(1, "private", 1000)).toBe(0);
    expect(limiter.admit(1, "private", 1500)).toBe(1);
    expect(limiter.admit(1, "private", 2000)).toBe(0);
  });

  it("allows 30 messages a second over all chats", () => {
    const limiter = new FloodLimiter();
    for (let chat = 1; chat <= 30; chat++) expect(limiter.admit(chat, "private", chat)).toBe(0);
    expect(limiter.admit(31, "private", 500)).toBe(1);
    expect(limiter.admit(31, "private", 1001)).toBe(0);
  });

  it("gives a group's retry_after as the whole seconds until its window frees", () => {
    const limiter = new FloodLimiter();
    for (let i = 0; i < 20; i++) expect(limiter.admit(-5, "group", i * 1000)).toBe(0);
    expect(limiter.admit(-5, "group", 20_500)).toBe(40);
    expect(limiter.admit(-5, "group", 60_000)).toBe(0);
  });
});
