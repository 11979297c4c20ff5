import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { telegramUser, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

describe(`flood guard on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;

  beforeAll(async () => {
    database = await createTestDatabase();
    harness = createTestBot(database.prisma, { floodGuard: { limit: 3, timeFrameMs: 60_000 } });
  });
  afterAll(() => database.drop());

  it("drops a user's updates over the limit, says so once, and leaves other users alone", async () => {
    const flooder = telegramUser(880_001, "en");
    for (let index = 0; index < 6; index += 1) await harness.send(textUpdate(flooder, "/help"));
    const texts = harness.api.of("sendMessage").map((call) => String(call.payload.text));
    expect(texts.filter((text) => text.includes("Commands you can use"))).toHaveLength(3);
    expect(texts.filter((text) => text.includes("You are sending too fast"))).toHaveLength(1);
    harness.api.reset();
    await harness.send(textUpdate(telegramUser(880_002, "en"), "/help"));
    expect(harness.api.lastText()).toContain("Commands you can use");
  });

  it("lets updates through, and logs it, when its Redis cannot be reached", async () => {
    // A real client to a port where no Redis listens: every command fails at once.
    const unreachable = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    unreachable.on("error", () => undefined);
    const guarded = createTestBot(database.prisma, {
      floodGuard: { limit: 1, timeFrameMs: 60_000, redis: unreachable },
    });
    const user = telegramUser(880_003, "en");
    await guarded.send(textUpdate(user, "/help"));
    await guarded.send(textUpdate(user, "/help"));
    expect(guarded.api.of("sendMessage").map((call) => String(call.payload.text))).toEqual([
      expect.stringContaining("Commands you can use"),
      expect.stringContaining("Commands you can use"),
    ]);
    expect(guarded.logs.some((line) => line.msg === "flood guard unavailable; update let through")).toBe(
      true,
    );
    unreachable.disconnect();
  });
});
