// A unit whose month was pushed at a chosen moment: a head, an officer, a bound group, dossiers
// on the month's overdue list and the push run that reported them. Tests of reminders pick a
// period and push time of their own, on real dates (the holiday table knows 2024 to 2026).
import { appContext } from "../../src/app/context.js";
import type { ReminderDeps } from "../../src/app/reminders/send-due-reminders.js";
import { createReminderComposer } from "../../src/bot/reminders/compose.js";
import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import type { PushTarget } from "../../src/domain/push.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTranslator } from "../../src/i18n/index.js";
import { CalendarRepository } from "../../src/repositories/calendar.js";
import { actorFromDatabase } from "./actors.js";
import { createSnapshot, createUnit, listDossier } from "./monthly-data.js";

let nextTelegramId = 7_000_000;

/** `hour`:00 in Hanoi on that date. */
export const hanoi = (date: string, hour = 9) =>
  new Date(`${date}T${String(hour - 7).padStart(2, "0")}:00:00Z`);

export interface ReminderWorldOptions {
  year: number;
  month: number;
  pushedAt: Date;
  dossiers?: number;
  pushTarget?: PushTarget;
  /** Another world's month: this unit is listed on the same overdue list. */
  sameListAs?: { snapshot: Awaited<ReturnType<typeof createSnapshot>> };
}

export async function reminderWorld(db: PrismaClient, options: ReminderWorldOptions) {
  await new CalendarRepository(db).seed(VN_CALENDAR_DAYS);
  const unit = await createUnit(db);
  if (options.pushTarget)
    await db.unit.update({ where: { id: unit.id }, data: { pushTarget: options.pushTarget } });
  const person = (firstName: string, language: string | null) =>
    db.person.create({ data: { telegramUserId: BigInt(++nextTelegramId), firstName, language } });
  const head = await person("Lan", null);
  const officer = await person("Minh", "en");
  await db.membership.createMany({
    data: [
      { personId: head.id, unitId: unit.id, role: "UNIT_HEAD" },
      { personId: officer.id, unitId: unit.id, role: "OFFICER" },
    ],
  });
  await db.chatBinding.create({
    data: { chatId: BigInt(-++nextTelegramId), unitId: unit.id, title: "Nhóm" },
  });
  const snapshot =
    options.sameListAs?.snapshot ??
    (await createSnapshot(db, { year: options.year, month: options.month, kind: "OVERDUE_DOSSIERS" }));
  for (let index = 0; index < (options.dossiers ?? 7); index++)
    await listDossier(db, snapshot, unit.id, { daysOverdue: 30 - index });
  // Longest overdue first: the list's order.
  const dossiers = await db.dossier.findMany({
    where: { unitId: unit.id },
    orderBy: { daysOverdue: "desc" },
  });
  await db.pushRun.create({
    data: {
      periodId: snapshot.periodId,
      snapshotId: snapshot.id,
      batch: `push:test:${snapshot.id}:u${unit.id}`,
      startedAt: options.pushedAt,
      summary: {
        scoreSnapshotId: null,
        overdueSnapshotId: snapshot.id,
        asOf: snapshot.asOf.toISOString(),
        figures: { [unit.id]: { total: null, overdue: dossiers.length } },
        unreachableUnits: [],
      },
    },
  });
  const periodKey = `${options.year}-${String(options.month).padStart(2, "0")}`;
  return {
    unit,
    head,
    officer,
    snapshot,
    dossiers,
    periodKey,
    headActor: () => actorFromDatabase(db, head.id),
    officerActor: () => actorFromDatabase(db, officer.id),
    /** The reminders this unit got for its month, oldest first. */
    reminders: () =>
      db.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: `reminder:${periodKey}:u${unit.id}:` } },
        orderBy: { id: "asc" },
      }),
  };
}

/** The reminders' dependencies with a clock the test sets. */
export function reminderDeps(db: PrismaClient) {
  let clock = new Date(0);
  const deps: ReminderDeps = {
    app: appContext(db, () => clock),
    compose: createReminderComposer({ translator: createTranslator("vi") }),
    defaultLocale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
  };
  return {
    deps,
    at(now: Date) {
      clock = now;
      return deps;
    },
  };
}
