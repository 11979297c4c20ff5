import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { ensureCenterAdmins } from "../../../src/app/members/ensure-center-admins.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { telegramUser, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

describe(`/start on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;
  const handled: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => {
    handled.length = 0;
    harness = createTestBot(database.prisma, {
      startPayloadHandlers: [
        async (ctx, payload) => {
          if (!payload.startsWith("x_")) return false;
          handled.push(payload);
          await ctx.reply("invite seen");
          return true;
        },
      ],
    });
  });

  it("greets a Vietnamese user in Vietnamese and explains how to get an invite", async () => {
    await harness.send(textUpdate(telegramUser(501, "vi", "Lan"), "/start"));
    const text = harness.api.lastText();
    expect(text).toContain("Xin chào Lan!");
    expect(text).toContain("Trung tâm Phục vụ hành chính công");
    expect(text).toContain("<code>501</code>");
    expect(harness.api.of("setMyCommands")).toEqual([]);
    expect(harness.api.of("sendMessage")[0]?.payload).toMatchObject({ chat_id: 501, parse_mode: "HTML" });
  });

  it("greets anyone else in English", async () => {
    await harness.send(textUpdate(telegramUser(502, "de", "Jan"), "/start"));
    expect(harness.api.lastText()).toContain("Hello Jan!");
    expect(harness.api.lastText()).toContain("ask the City Public Administration Service Center");
  });

  it("records the person on first contact", async () => {
    await harness.send(textUpdate(telegramUser(503, "vi", "Minh"), "/start"));
    const person = await database.prisma.person.findUnique({ where: { telegramUserId: 503n } });
    expect(person).toMatchObject({ firstName: "Minh", language: null });
  });

  it("shows a Center admin their role", async () => {
    await ensureCenterAdmins(appContext(database.prisma), { actorLabel: "test", telegramUserIds: [504] });
    await harness.send(textUpdate(telegramUser(504, "vi", "Hà"), "/start"));
    expect(harness.api.lastText()).toContain(
      "Quản trị viên Trung tâm Phục vụ hành chính công — toàn Thành phố",
    );
  });

  it("passes a deep-link payload to the handler that claims it", async () => {
    await harness.send(textUpdate(telegramUser(505), "/start x_abc123"));
    expect(handled).toEqual(["x_abc123"]);
    expect(harness.api.lastText()).toBe("invite seen");
  });

  it("answers an unclaimed or malformed payload with a translated message and changes nothing", async () => {
    for (const payload of ["zzz", "bad<payload>", "x".repeat(65)]) {
      harness.api.reset();
      await harness.send(textUpdate(telegramUser(506, "en"), `/start ${payload}`));
      expect(harness.api.lastText()).toBe(
        "This link is not valid or has expired. Ask whoever sent it for a new one.",
      );
    }
    expect(handled).toEqual([]);
  });

  it("points a group to /help without recording anyone", async () => {
    await harness.send(
      textUpdate(telegramUser(507), "/start@dondoc_test_bot", { id: -100500, title: "Phường A" }),
    );
    expect(harness.api.lastText()).toContain("/help");
    expect(await database.prisma.person.findUnique({ where: { telegramUserId: 507n } })).toBeNull();
  });
});
