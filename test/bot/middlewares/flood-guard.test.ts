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
});
