import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, telegramUser, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

describe(`/lang on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => {
    harness = createTestBot(database.prisma);
  });

  it("offers both languages as buttons", async () => {
    await harness.send(textUpdate(telegramUser(601), "/lang"));
    const markup = harness.api.of("sendMessage")[0]?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
    };
    expect(markup.inline_keyboard.flat()).toEqual([
      { text: "🇻🇳 Tiếng Việt", callback_data: "lang:vi" },
      { text: "🇬🇧 English", callback_data: "lang:en" },
    ]);
  });

  it("switches to English, edits the menu and remembers it over Telegram's language", async () => {
    const user = telegramUser(602, "vi");
    await harness.send(textUpdate(user, "/lang"));
    await harness.send(callbackUpdate(user, "lang:en", { messageId: 100 }));
    expect(harness.api.of("answerCallbackQuery")).toHaveLength(1);
    expect(harness.api.of("editMessageText")[0]?.payload).toMatchObject({
      message_id: 100,
      text: "Language set to <b>English</b>.",
    });
    const person = await database.prisma.person.findUnique({ where: { telegramUserId: 602n } });
    expect(person?.language).toBe("en");

    await createTestBot(database.prisma).send(textUpdate(user, "/start"));
    harness = createTestBot(database.prisma);
    await harness.send(textUpdate(user, "/start"));
    expect(harness.api.lastText()).toContain("Hello Lan!");

    await harness.send(callbackUpdate(user, "lang:vi"));
    expect(harness.api.lastText()).toBe("Đã chuyển sang <b>Tiếng Việt</b>.");
  });

  it("refuses a forged language button and changes nothing", async () => {
    const user = telegramUser(603, "en");
    await harness.send(textUpdate(user, "/start"));
    await harness.send(callbackUpdate(user, "lang:fr"));
    expect(harness.api.of("answerCallbackQuery")[0]?.payload).toMatchObject({
      text: "This button is no longer valid. Please open the menu again.",
      show_alert: true,
    });
    expect(harness.api.of("editMessageText")).toHaveLength(0);
    const person = await database.prisma.person.findUnique({ where: { telegramUserId: 603n } });
    expect(person?.language).toBeNull();
  });
});

describe(`/lang menus on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("keeps one language menu on screen: a new /lang removes the previous one (session state)", async () => {
    const user = telegramUser(604, "vi");
    const first = createTestBot(database.prisma);
    await first.send(textUpdate(user, "/lang"));
    const firstMenuId = (first.api.of("sendMessage")[0]?.result as { message_id: number }).message_id;

    // A new bot instance: the session comes back from storage, as after a restart.
    const second = createTestBot(database.prisma);
    await second.send(textUpdate(user, "/lang"));
    expect(second.api.of("deleteMessage")[0]?.payload).toEqual({ chat_id: 604, message_id: firstMenuId });

    const stored = await database.prisma.session.findUnique({ where: { key: "604:604" } });
    const secondMenuId = (second.api.of("sendMessage")[0]?.result as { message_id: number }).message_id;
    expect(JSON.parse(stored?.value ?? "{}")).toEqual({ languageMenuMessageId: secondMenuId });
  });
});
