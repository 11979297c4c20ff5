import { describe, expect, it } from "vitest";
import { FloodLimiter, scaledFloodRules } from "../../src/sandbox/telegram-limits.js";
import { botFor, failure, startSandbox } from "./helpers.js";

describe("faults on demand", () => {
  it("answers 403 in a chat that blocked the bot, and in a group that removed it, until unblocked", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 7001, first_name: "Mai" });
    sandbox.addGroup({ id: -7001, title: "Ward 7" });
    const { api } = botFor(sandbox);
    sandbox.blockBot(user.chatId);
    sandbox.blockBot(-7001);

    const blocked = await failure(api.sendMessage(user.chatId, "hello"));
    expect([blocked.error_code, blocked.description]).toEqual([
      403,
      "Forbidden: bot was blocked by the user",
    ]);
    const kicked = await failure(api.sendMessage(-7001, "hello"));
    expect([kicked.error_code, kicked.description]).toEqual([
      403,
      "Forbidden: bot was kicked from the group chat",
    ]);
    expect(user.messages()).toEqual([]);

    sandbox.unblockBot(user.chatId);
    await api.sendMessage(user.chatId, "back");
    expect(user.messages().map((m) => m.text)).toEqual(["back"]);
  });

  it("fails the next sends with an injected error, then sends again", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 7002, first_name: "Nam" });
    const { api } = botFor(sandbox);
    sandbox.failNextSends(2);
    sandbox.failNextSends(1, 500, "Internal Server Error");

    const errors = [];
    for (let i = 0; i < 3; i++) errors.push(await failure(api.sendMessage(user.chatId, `try ${i}`)));
    expect(errors.map((e) => [e.error_code, e.description])).toEqual([
      [502, "Bad Gateway"],
      [502, "Bad Gateway"],
      [500, "Internal Server Error"],
    ]);
    await api.sendMessage(user.chatId, "ok");
    expect(user.messages().map((m) => m.text)).toEqual(["ok"]);
  });

  it("answers 429 in every chat during a global flood, with the seconds left", async () => {
    const sandbox = await startSandbox();
    const one = sandbox.addUser({ id: 7003, first_name: "Oanh" });
    sandbox.addGroup({ id: -7003, title: "Ward 3" });
    const { api } = botFor(sandbox);
    sandbox.floodAllSends(2);

    for (const chatId of [one.chatId, -7003]) {
      const error = await failure(api.sendMessage(chatId, "now?"));
      expect(error.error_code).toBe(429);
      expect(error.parameters.retry_after).toBe(2);
    }
  });
});

describe("scaled flood limits", () => {
  it("multiplies every rate by the scale and keeps the burst", () => {
    expect(scaledFloodRules(10)).toEqual({
      globalPerSecond: 300,
      privateBurst: 3,
      privatePerSecond: 10,
      groupPerMinute: 200,
    });
    expect(() => scaledFloodRules(0)).toThrow("positive");
  });

  it("lets 10 times as many messages through when scaled by 10", () => {
    const limiter = new FloodLimiter(scaledFloodRules(10));
    for (let chat = 1; chat <= 300; chat++) expect(limiter.admit(chat, "private", chat)).toBe(0);
    expect(limiter.admit(301, "private", 500)).toBe(1);
    const groups = new FloodLimiter(scaledFloodRules(10));
    for (let i = 0; i < 200; i++) expect(groups.admit(-9, "group", i * 100)).toBe(0);
    expect(groups.admit(-9, "group", 20_500)).toBe(40);
  });

  it("scales a sandbox's limits through its options", async () => {
    const sandbox = await startSandbox({ floodLimits: true, floodScale: 2 });
    const user = sandbox.addUser({ id: 7004, first_name: "Phuc" });
    const { api } = botFor(sandbox);
    for (let i = 0; i < 3; i++) await api.sendMessage(user.chatId, `burst ${i}`);
    const error = await failure(api.sendMessage(user.chatId, "over"));
    expect(error.error_code).toBe(429);
  });
});
