import { expect, it } from "vitest";
import { queueWeeklyDigest } from "../../../src/app/digest/queue-weekly-digest.js";
import { DIGEST_SETTINGS_KEY } from "../../../src/domain/digest.js";
import { outboxPayloadSchema } from "../../../src/domain/outbox.js";
import { digestDeps } from "../../support/digest-deps.js";
import { DIGEST_AT, digestWorld } from "../../support/digest-world.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("the weekly digest's outbox rows", (database) => {
  it("queues the message, the chart and the workbook to each Center admin and the Center's group, unit heads' lines when set, once a week", async () => {
    const db = database().prisma;
    const world = await digestWorld(db);
    const admin = await db.person.create({ data: { telegramUserId: 6_100_001n, firstName: "Hà" } });
    const englishAdmin = await db.person.create({
      data: { telegramUserId: 6_100_002n, firstName: "Ann", language: "en" },
    });
    const gone = await db.person.create({
      data: { telegramUserId: 6_100_003n, unreachableSince: new Date() },
    });
    for (const person of [admin, englishAdmin, gone])
      await db.membership.create({ data: { personId: person.id, role: "CENTER_ADMIN" } });
    const group = await db.chatBinding.create({ data: { chatId: -6_100_100n, unitId: world.center.id } });
    await db.chatBinding.create({ data: { chatId: -6_100_101n, unitId: world.wardA.id } });
    const head = await db.person.create({ data: { telegramUserId: 6_100_010n, firstName: "Lan" } });
    await db.membership.create({ data: { personId: head.id, unitId: world.wardB.id, role: "UNIT_HEAD" } });
    await db.setting.create({
      data: {
        key: DIGEST_SETTINGS_KEY,
        value: { weeklyHour: 8, unitHeadSummaries: true, acknowledgementDays: 3 },
      },
    });

    const deps = digestDeps(db, DIGEST_AT);
    const outcome = await queueWeeklyDigest(deps, { at: DIGEST_AT, actorLabel: "scheduler" });
    expect(outcome).toEqual({
      kind: "queued",
      weekKey: "2031-W16",
      batch: "digest:2031-W16",
      queued: 10,
      duplicates: 0,
    });

    const rows = await db.outboxMessage.findMany({
      where: { batch: "digest:2031-W16" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => [Number(row.chatId), row.kind])).toEqual([
      [6_100_001, "digest.message"],
      [6_100_001, "digest.chart"],
      [6_100_001, "digest.workbook"],
      [6_100_002, "digest.message"],
      [6_100_002, "digest.chart"],
      [6_100_002, "digest.workbook"],
      [-6_100_100, "digest.message"],
      [-6_100_100, "digest.chart"],
      [-6_100_100, "digest.workbook"],
      [6_100_010, "digest.unit"],
    ]);
    const payloads = rows.map((row) => outboxPayloadSchema.parse(row.payload));
    const [viText, , viWorkbook, enText] = payloads;
    expect(viText).toMatchObject({
      method: "sendMessage",
      text: expect.stringContaining("Tổng hợp tuân thủ tuần 2031-W16"),
    });
    expect(enText).toMatchObject({ text: expect.stringContaining("Weekly compliance digest 2031-W16") });
    expect(viText?.method === "sendMessage" && viText.text).toContain("Mức tuân thủ: <b>42,9%</b>");
    expect(viWorkbook).toEqual({
      method: "sendDocument",
      attachment: {
        kind: "digestWorkbook",
        params: { at: DIGEST_AT.toISOString(), locale: "vi", audience: "center" },
      },
      caption: "Chi tiết tuân thủ: danh sách tháng 03/2031, số liệu đến 08:00 14/04/2031",
    });
    expect(rows.at(-1)?.chatBindingId).toBeNull();
    expect(rows.find((row) => Number(row.chatId) === -6_100_100)?.chatBindingId).toBe(group.id);
    const unitText = payloads.at(-1);
    expect(unitText?.method === "sendMessage" && unitText.text).toContain("Đơn vị chưa trả lời hồ sơ nào");

    const again = await queueWeeklyDigest(deps, {
      at: new Date(DIGEST_AT.getTime() + 3600_000),
      actorLabel: "scheduler",
    });
    expect(again).toMatchObject({ queued: 0, duplicates: 10 });
    expect(await db.auditEvent.count({ where: { action: "digest.queued", entityId: "2031-W16" } })).toBe(2);
  });
});
