// /digest, /export and the score card's Chart button, through the bot.
import { expect, it } from "vitest";
import { scoreChartData } from "../../../src/bot/callback-data/digest.js";
import { createTestBot } from "../../support/bot.js";
import { digestDeps } from "../../support/digest-deps.js";
import { DIGEST_AT, digestWorld } from "../../support/digest-world.js";
import { callbackUpdate, telegramUser, textUpdate, uploadedPng } from "../../support/telegram.js";
import { describeDatabase } from "../../support/test-database.js";

// Each block has a database of its own: the digest is citywide, and so is the fixture.
describeDatabase("/digest and /export", (database) => {
  it("answers /digest to an admin with the message, the chart and the workbook; /export a month; refuses a unit head", async () => {
    const db = database().prisma;
    const world = await digestWorld(db);
    const admin = await db.person.create({ data: { telegramUserId: 6_300_001n, firstName: "Hà" } });
    await db.membership.create({ data: { personId: admin.id, role: "CENTER_ADMIN" } });
    const head = await db.person.create({ data: { telegramUserId: 6_300_002n, firstName: "Lan" } });
    await db.membership.create({ data: { personId: head.id, unitId: world.wardA.id, role: "UNIT_HEAD" } });
    const deps = digestDeps(db, DIGEST_AT);
    const harness = createTestBot(db, { app: deps.app, digest: deps });
    const adminUser = telegramUser(6_300_001, "vi", "Hà");

    await harness.send(textUpdate(adminUser, "/digest"));
    expect(harness.api.calls.map((call) => call.method)).toEqual([
      "sendMessage",
      "sendPhoto",
      "sendDocument",
    ]);
    expect(harness.api.calls[0]?.payload.text).toContain("Mức tuân thủ: <b>42,9%</b>");
    const chart = uploadedPng(harness.api.calls[1] ?? { method: "", payload: {}, result: null });
    expect(chart?.subarray(1, 4).toString()).toBe("PNG");

    harness.api.calls.length = 0;
    await harness.send(textUpdate(adminUser, "/export 03/2031"));
    expect(harness.api.calls.map((call) => call.method)).toEqual(["sendDocument"]);
    const upload = harness.api.calls[0]?.payload.multipartBytes as Buffer;
    expect(upload.toString("utf8")).toContain("File xuất tháng 03/2031");
    expect(upload.toString("utf8")).toContain("tong-hop-tuan-thu-2031-03.xlsx");

    harness.api.calls.length = 0;
    await harness.send(textUpdate(adminUser, "/export 13/2031"));
    await harness.send(textUpdate(adminUser, "/export 01/2030"));
    expect(harness.api.calls.map((call) => call.payload.text)).toEqual([
      expect.stringContaining("/export 03/2025"),
      "Chưa có danh sách hồ sơ quá hạn của tháng 01/2030.",
    ]);

    harness.api.calls.length = 0;
    await harness.send(textUpdate(telegramUser(6_300_002), "/digest"));
    expect(harness.api.calls.map((call) => call.payload.text)).toEqual([
      "Chỉ quản trị viên Trung tâm và lãnh đạo UBND Thành phố xem được bản tổng hợp và file xuất.",
    ]);
  });
});

describeDatabase("the score card's chart", (database) => {
  it("draws a unit's chart from the score card's button, for those who may see the unit", async () => {
    const db = database().prisma;
    const world = await digestWorld(db);
    const head = await db.person.create({ data: { telegramUserId: 6_300_010n, firstName: "Lan" } });
    await db.membership.create({ data: { personId: head.id, unitId: world.wardA.id, role: "UNIT_HEAD" } });
    const deps = digestDeps(db, DIGEST_AT);
    const harness = createTestBot(db, { app: deps.app, digest: deps });
    const user = telegramUser(6_300_010);

    await harness.send(textUpdate(user, `/score ${world.wardA.code} 03/2031`));
    const keyboard = harness.api.calls[0]?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
    };
    const button = keyboard.inline_keyboard[0]?.[0];
    expect(button).toEqual({ text: "📈 Biểu đồ", callback_data: `scg:${world.wardA.id}:2031-03` });

    harness.api.calls.length = 0;
    await harness.send(callbackUpdate(user, button?.callback_data ?? ""));
    expect(harness.api.calls.map((call) => call.method)).toEqual(["answerCallbackQuery", "sendPhoto"]);
    expect(uploadedPng(harness.api.calls[1] ?? { method: "", payload: {}, result: null })).not.toBeNull();

    harness.api.calls.length = 0;
    await harness.send(
      callbackUpdate(user, scoreChartData.pack({ unit: world.wardB.id, period: "2031-03" })),
    );
    expect(harness.api.calls.map((call) => call.method)).toEqual(["answerCallbackQuery"]);
    expect(harness.api.calls[0]?.payload.show_alert ?? harness.api.calls[0]?.payload.text).toBeTruthy();
  });
});
