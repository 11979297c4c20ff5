// Reminders on real dates: Tết 2025 (27-31/01 off) and 2026 (16-20/02 off), 30/4-1/5 2025
// (Friday 2/5 off, Saturday 26/4 worked instead), 2/9 2025 (1/9 and 2/9 off). Each test has a
// month and push times of its own, none overlapping another's, so the latest month pushed
// "as of" its clock is its own whatever order the tests run in.
import { expect, it } from "vitest";
import { sendDueReminders } from "../../../src/app/reminders/send-due-reminders.js";
import { snoozeReminders } from "../../../src/app/reminders/snooze-reminders.js";
import { outboxPayloadSchema } from "../../../src/domain/outbox.js";
import { recordApology, recordCause } from "../../support/monthly-data.js";
import { hanoi, reminderDeps, reminderWorld } from "../../support/reminder-world.js";
import { describeDatabase } from "../../support/test-database.js";

const textOf = (payload: unknown) => {
  const parsed = outboxPayloadSchema.parse(payload);
  return parsed.method === "sendMessage" ? parsed.text : "";
};

describeDatabase("batched reminders in working days", (database) => {
  it("skips Tết 2025: pushed Friday 24/01, the unit's heads and officers are reminded Tuesday 04/02, one message each, not one per dossier", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2024, month: 12, pushedAt: hanoi("2025-01-24", 10) });
    const clock = reminderDeps(db);

    expect(await sendDueReminders(clock.at(hanoi("2025-01-28")))).toEqual({ kind: "outsideOfficeHours" });
    const monday = await sendDueReminders(clock.at(hanoi("2025-02-03")));
    expect(monday).toMatchObject({ kind: "done", reminded: [], skipped: { notYet: 1 } });
    expect(await world.reminders()).toHaveLength(0);

    const tuesday = await sendDueReminders(clock.at(hanoi("2025-02-04")));
    expect(tuesday).toMatchObject({
      kind: "done",
      queued: 2,
      reminded: [{ unitId: world.unit.id, recipients: 2 }],
    });
    const sent = await world.reminders();
    // The head and the officer (the unit's setting is BOTH), never the group; 7 dossiers, 2 messages.
    expect(sent.map((row) => row.personId).sort()).toEqual([world.head.id, world.officer.id].sort());
    expect(sent.every((row) => row.kind.startsWith("reminder.") && Number(row.chatId) > 0)).toBe(true);
    const headText = textOf(sent.find((row) => row.personId === world.head.id)?.payload);
    expect(headText).toContain("Còn <b>7</b> hồ sơ");
    // The five longest overdue are named, the rest counted.
    expect(headText).toContain(world.dossiers[0]?.code);
    expect(headText).toContain(world.dossiers[4]?.code);
    expect(headText).not.toContain(world.dossiers[5]?.code);
    expect(headText).toContain("và 2 hồ sơ khác");
    const officerPayload = outboxPayloadSchema.parse(
      sent.find((row) => row.personId === world.officer.id)?.payload,
    );
    expect(textOf(officerPayload)).toContain("7</b> dossiers still lack");
    expect(officerPayload.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual([
      "📝 Dossiers without a cause",
      "✉️ Dossiers without an apology record",
      "⏭ Remind me next working day",
    ]);

    // The same hour again, later that day: nothing new.
    await sendDueReminders(clock.at(hanoi("2025-02-04", 11)));
    await sendDueReminders(clock.at(hanoi("2025-02-05", 16)));
    expect(await world.reminders()).toHaveLength(2);
    // Two working days later, the second reminder says so.
    await sendDueReminders(clock.at(hanoi("2025-02-06", 8)));
    const again = await world.reminders();
    expect(again).toHaveLength(4);
    expect(textOf(again[3]?.payload)).toMatch(/reminder number 2|lần nhắc thứ 2/);
    const state = await db.unitReminder.findFirstOrThrow({ where: { unitId: world.unit.id } });
    expect(state).toMatchObject({ remindersSent: 2, lastRemindedAt: hanoi("2025-02-06", 8) });
    expect(state.firstRemindedAt).toEqual(hanoi("2025-02-04"));
    const audits = await db.auditEvent.count({ where: { action: "reminder.sent", unitId: world.unit.id } });
    expect(audits).toBe(2);
  });

  it("around 30/4-1/5 2025: a swapped Saturday is worked, the holidays and the weekend are not", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2025, month: 3, pushedAt: hanoi("2025-04-24", 15) });
    const clock = reminderDeps(db);
    // Friday 25/4 is the first working day after the push, Saturday 26/4 (worked) the second.
    await sendDueReminders(clock.at(hanoi("2025-04-25")));
    expect(await world.reminders()).toHaveLength(0);
    await sendDueReminders(clock.at(hanoi("2025-04-26")));
    expect(await world.reminders()).toHaveLength(2);
    await sendDueReminders(clock.at(hanoi("2025-04-29", 8)));
    expect(await world.reminders()).toHaveLength(4);
    // 30/4, 1/5, 2/5 off, then the weekend: the next is Tuesday 6/5.
    for (const day of ["2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03"])
      expect(await sendDueReminders(clock.at(hanoi(day)))).toEqual({ kind: "outsideOfficeHours" });
    await sendDueReminders(clock.at(hanoi("2025-05-05", 16)));
    expect(await world.reminders()).toHaveLength(4);
    // Office hours end at 17:00.
    expect(await sendDueReminders(clock.at(hanoi("2025-05-06", 17)))).toEqual({ kind: "outsideOfficeHours" });
    await sendDueReminders(clock.at(hanoi("2025-05-06", 7))).then((outcome) =>
      expect(outcome.kind).toBe("outsideOfficeHours"),
    );
    await sendDueReminders(clock.at(hanoi("2025-05-06", 16)));
    expect(await world.reminders()).toHaveLength(6);
  });

  it("around 2/9 2025: pushed Friday 29/8, reminded Thursday 4/9", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2025, month: 8, pushedAt: hanoi("2025-08-29", 10) });
    const clock = reminderDeps(db);
    for (const day of ["2025-09-01", "2025-09-02"])
      expect(await sendDueReminders(clock.at(hanoi(day)))).toEqual({ kind: "outsideOfficeHours" });
    await sendDueReminders(clock.at(hanoi("2025-09-03")));
    expect(await world.reminders()).toHaveLength(0);
    await sendDueReminders(clock.at(hanoi("2025-09-04")));
    expect(await world.reminders()).toHaveLength(2);
  });

  it("follows the Center's setting of N working days", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2025, month: 9, pushedAt: hanoi("2025-10-06", 9) });
    const clock = reminderDeps(db);
    await db.setting.create({ data: { key: "reminders", value: { everyWorkingDays: 1 } } });
    try {
      await sendDueReminders(clock.at(hanoi("2025-10-07")));
      await sendDueReminders(clock.at(hanoi("2025-10-08")));
      expect(await world.reminders()).toHaveLength(4);
    } finally {
      await db.setting.delete({ where: { key: "reminders" } });
    }
  });

  it("skips Tết 2026: pushed Friday 13/02, reminded Tuesday 24/02; heads only when the unit's notices go to its group", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, {
      year: 2026,
      month: 1,
      pushedAt: hanoi("2026-02-13", 9),
      pushTarget: "GROUP",
    });
    const clock = reminderDeps(db);
    expect(await sendDueReminders(clock.at(hanoi("2026-02-20")))).toEqual({ kind: "outsideOfficeHours" });
    await sendDueReminders(clock.at(hanoi("2026-02-23")));
    expect(await world.reminders()).toHaveLength(0);
    await sendDueReminders(clock.at(hanoi("2026-02-24")));
    expect((await world.reminders()).map((row) => row.personId)).toEqual([world.head.id]);
  });

  it("stops as soon as every dossier has a cause and an apology record; counts only what is still owed", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, {
      year: 2025,
      month: 5,
      pushedAt: hanoi("2025-06-09", 9),
      dossiers: 3,
    });
    const clock = reminderDeps(db);
    const [first, second, third] = world.dossiers.map((dossier) => ({ id: dossier.id })) as [
      { id: number },
      { id: number },
      { id: number },
    ];
    await recordCause(db, first.id);
    await recordApology(db, first.id);
    await recordCause(db, second.id);
    await sendDueReminders(clock.at(hanoi("2025-06-11")));
    const sent = await world.reminders();
    expect(sent).toHaveLength(2);
    const text = textOf(sent[0]?.payload);
    expect(text).toContain("Còn <b>2</b> hồ sơ");
    expect(text).toContain("Chưa có nguyên nhân: 1");
    expect(text).toContain("Chưa ghi nhận phiếu xin lỗi: 2");

    await recordApology(db, second.id);
    await recordCause(db, third.id);
    await recordApology(db, third.id);
    expect(await sendDueReminders(clock.at(hanoi("2025-06-13")))).toMatchObject({
      kind: "done",
      reminded: [],
      skipped: { answered: 1 },
    });
    expect(await world.reminders()).toHaveLength(2);
  });

  it("'remind me next working day': once a week per unit, whoever asks; the reminder then comes the next working day", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2025, month: 6, pushedAt: hanoi("2025-07-07", 9) });
    const other = await reminderWorld(db, {
      year: 2025,
      month: 6,
      pushedAt: hanoi("2025-07-07", 9),
      sameListAs: world,
    });
    const clock = reminderDeps(db);
    await sendDueReminders(clock.at(hanoi("2025-07-09")));
    expect(await world.reminders()).toHaveLength(2);

    const period = { year: 2025, month: 6 };
    const snooze = async (actor: Awaited<ReturnType<typeof world.headActor>>, unitId = world.unit.id) =>
      snoozeReminders(clock.at(hanoi("2025-07-09", 10)).app, {
        actor,
        unitId,
        period,
        timeZone: "Asia/Ho_Chi_Minh",
      });
    // Another unit's head may not postpone this unit's reminders.
    expect(await snooze(await other.headActor())).toEqual({ kind: "forbidden" });
    expect(await snooze(await world.officerActor())).toEqual({ kind: "snoozed", until: "2025-07-10" });
    expect(await snooze(await world.headActor())).toEqual({
      kind: "snoozedThisWeek",
      allowedFrom: "2025-07-16",
    });
    expect(await db.auditEvent.count({ where: { action: "reminder.snoozed", unitId: world.unit.id } })).toBe(
      1,
    );

    // Thursday 10/7: the postponed reminder (the schedule alone would wait until Friday 11/7).
    await sendDueReminders(clock.at(hanoi("2025-07-10")));
    expect(await world.reminders()).toHaveLength(4);
    expect(await other.reminders()).toHaveLength(2);
    const state = await db.unitReminder.findFirstOrThrow({ where: { unitId: world.unit.id } });
    expect(state.snoozedUntil).toBeNull();
    // A week after the first, the unit may ask again.
    const later = await snoozeReminders(clock.at(hanoi("2025-07-16")).app, {
      actor: await world.headActor(),
      unitId: world.unit.id,
      period,
      timeZone: "Asia/Ho_Chi_Minh",
    });
    expect(later).toEqual({ kind: "snoozed", until: "2025-07-17" });
  });

  it("a button for a month never imported changes nothing", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2025, month: 7, pushedAt: hanoi("2025-08-04", 9) });
    const outcome = await snoozeReminders(reminderDeps(db).at(hanoi("2025-08-05")).app, {
      actor: await world.headActor(),
      unitId: world.unit.id,
      period: { year: 1999, month: 1 },
      timeZone: "Asia/Ho_Chi_Minh",
    });
    expect(outcome).toEqual({ kind: "unknownPeriod" });
    expect(await db.unitReminder.count({ where: { unitId: world.unit.id } })).toBe(0);
  });
});
