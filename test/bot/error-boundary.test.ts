import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PeopleRepository } from "../../src/repositories/people.js";
import { createTestBot } from "../support/bot.js";
import { callbackUpdate, TEST_TOKEN, telegramUser, textUpdate } from "../support/telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/** A repository whose database fails mid-update, the way a dropped connection would. */
class BrokenPeopleRepository extends PeopleRepository {
  override async findByTelegramId(): Promise<never> {
    throw new Error(`connection lost while calling bot${TEST_TOKEN}/getMe`);
  }
}

describe("the error boundary", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("logs the update, the user and the error, and apologises briefly without a stack trace", async () => {
    const harness = createTestBot(database.prisma, { people: new BrokenPeopleRepository(database.prisma) });
    const update = textUpdate(telegramUser(801, "vi"), "/start");
    await harness.send(update);

    expect(harness.api.lastText()).toBe(
      "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu của bạn. Vui lòng thử lại sau ít phút.",
    );
    const failure = harness.logs.find((line) => line.msg === "update failed");
    expect(failure).toMatchObject({ updateId: update.update_id, userId: 801, chatId: 801 });
    expect(String(failure?.error)).toContain("connection lost");
    expect(JSON.stringify(harness.logs)).not.toContain(TEST_TOKEN);
  });

  it("answers a failing button press with an alert", async () => {
    const harness = createTestBot(database.prisma, { people: new BrokenPeopleRepository(database.prisma) });
    await harness.send(callbackUpdate(telegramUser(802, "en"), "lang:en"));
    expect(harness.api.of("answerCallbackQuery")[0]?.payload).toMatchObject({
      text: "Sorry, something went wrong while handling your request. Please try again in a few minutes.",
      show_alert: true,
    });
  });
});
