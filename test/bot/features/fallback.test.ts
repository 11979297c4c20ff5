import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, telegramUser, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

const group = { id: -100777, title: "Sở Tư pháp" };

describe(`help and everything unhandled on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => {
    harness = createTestBot(database.prisma);
  });

  it("/help lists the commands a newcomer may use, translated", async () => {
    await harness.send(textUpdate(telegramUser(701, "en"), "/help"));
    expect(harness.api.lastText()).toBe(
      [
        "<b>Commands you can use:</b>",
        "/start — Start, see your roles",
        "/help — Commands you can use",
        "/lang — Change language (Tiếng Việt / English)",
      ].join("\n"),
    );
  });

  it("answers an unknown command with the commands the user may use", async () => {
    await harness.send(textUpdate(telegramUser(702, "vi"), "/frobnicate now"));
    const text = harness.api.lastText();
    expect(text.startsWith("Tôi không hiểu lệnh /frobnicate.")).toBe(true);
    expect(text).toContain("/help — Các lệnh bạn có thể dùng");
  });

  it("answers stray text and other messages in a private chat", async () => {
    await harness.send(textUpdate(telegramUser(703, "en"), "hello?"));
    expect(harness.api.lastText()).toBe(
      "I work through commands and buttons. Send /help to see the commands you can use.",
    );
  });

  it("stays silent in a group unless a command names the bot", async () => {
    const user = telegramUser(704, "vi");
    await harness.send(textUpdate(user, "chào cả nhà", group));
    await harness.send(textUpdate(user, "/frobnicate", group));
    await harness.send(textUpdate(user, "/frobnicate@other_bot", group));
    expect(harness.api.calls).toEqual([]);
    await harness.send(textUpdate(user, "/frobnicate@dondoc_test_bot", group));
    expect(harness.api.lastText()).toBe("Tôi không hiểu lệnh /frobnicate.");
  });

  it("answers an unknown button with a translated alert", async () => {
    await harness.send(callbackUpdate(telegramUser(705, "en"), "nonsense:1"));
    expect(harness.api.of("answerCallbackQuery")[0]?.payload).toMatchObject({
      text: "This button is no longer valid. Please open the menu again.",
      show_alert: true,
    });
  });
});
