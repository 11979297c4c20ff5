// The L1 reminders (DOMAIN.md): every unit whose pushed month still has dossiers missing a
// cause or an apology record gets ONE batched reminder (counts, the first codes, a button to
// the list), every N working days after the push, in office hours on working days. A run
// decides for every unit at once and writes the outbox rows, the units' reminder state and the
// audit events in one transaction; the outbox's dedupe keys (per person, unit, period and date)
// make a rerun of the same hour harmless. Reminders stop by themselves: a unit that owes
// nothing is never due.

import type { DbClient } from "../../db/prisma.js";
import { inTransaction } from "../../db/transaction.js";
import { type UnitCompliance, unitCompliance } from "../../domain/compliance.js";
import type { Locale } from "../../domain/locale.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import { type PeriodMonth, periodKey } from "../../domain/period.js";
import {
  isWithinOfficeHours,
  REMINDER_SHOWN_CODES,
  type ReminderDecision,
  type ReminderPolicy,
  type ReminderRecipient,
  reminderBatchKey,
  reminderDedupeKey,
  reminderDue,
  reminderRecipients,
} from "../../domain/reminders.js";
import { localDateOf, type WorkingCalendar } from "../../domain/working-days.js";
import { appendAudit } from "../../repositories/audit.js";
import { type NewOutboxMessage, OutboxRepository } from "../../repositories/outbox.js";
import { OverdueRepository } from "../../repositories/overdue.js";
import { PushAudienceRepository, type PushUnit } from "../../repositories/push-audience.js";
import { RemindersRepository } from "../../repositories/reminders.js";
import type { AppContext } from "../context.js";
import { readReminderRules } from "./reminder-rules.js";

/** What one unit's reminder says. */
export interface ReminderContent {
  unit: PushUnit;
  periodKey: string;
  compliance: UnitCompliance;
  /** The first dossiers still owing an answer, in the list's order. */
  codes: string[];
  /** 1 for the first reminder of the month. */
  reminderNumber: number;
}

/** Turns a recipient and its unit's content into the message it gets (text and buttons). */
export type ReminderComposer = (recipient: ReminderRecipient, content: ReminderContent) => OutboxPayload;

export interface ReminderDeps {
  app: AppContext;
  compose: ReminderComposer;
  defaultLocale: Locale;
  timeZone: string;
}

type SkipReason = Exclude<ReminderDecision, { due: true }>["reason"] | "nobodyToRemind";

export type SendRemindersOutcome =
  | { kind: "outsideOfficeHours" }
  | { kind: "nothingPushed" }
  | {
      kind: "done";
      period: PeriodMonth;
      batch: string;
      reminded: Array<{ unitId: number; recipients: number }>;
      skipped: Partial<Record<SkipReason, number>>;
      queued: number;
      duplicates: number;
    };

interface DueUnit {
  unit: PushUnit;
  compliance: UnitCompliance;
  reminderNumber: number;
}

export async function sendDueReminders(deps: ReminderDeps): Promise<SendRemindersOutcome> {
  const now = deps.app.now();
  return inTransaction(
    deps.app.db,
    async (tx) => {
      const { calendar, policy } = await readReminderRules(tx, deps.timeZone);
      if (!isWithinOfficeHours(now, calendar, policy)) return { kind: "outsideOfficeHours" };
      const decided = await decide(tx, now, calendar, policy);
      if (!decided) return { kind: "nothingPushed" };
      const { period, periodId, snapshot, due, skipped } = decided;
      const key = periodKey(period);
      const today = localDateOf(now, deps.timeZone);
      const batch = reminderBatchKey(key, today);
      const dueUnits = due.map((entry) => entry.unit);
      const [audiences, codes] = await Promise.all([
        new PushAudienceRepository(tx).audiences(dueUnits, deps.defaultLocale),
        new OverdueRepository(tx).owingCodes(
          snapshot,
          dueUnits.map((unit) => unit.id),
          REMINDER_SHOWN_CODES,
        ),
      ]);
      const messages: NewOutboxMessage[] = [];
      const reminded: Array<{ unitId: number; recipients: number }> = [];
      due.forEach((entry, index) => {
        const { recipients } = reminderRecipients(audiences[index] as (typeof audiences)[number]);
        if (recipients.length === 0) {
          skipped.nobodyToRemind = (skipped.nobodyToRemind ?? 0) + 1;
          return;
        }
        const content: ReminderContent = {
          ...entry,
          periodKey: key,
          codes: codes.get(entry.unit.id) ?? [],
        };
        for (const recipient of recipients) {
          messages.push({
            dedupeKey: reminderDedupeKey(key, entry.unit.id, today, recipient.person.personId),
            chatId: recipient.person.telegramUserId,
            kind: `reminder.${recipient.kind}`,
            batch,
            personId: recipient.person.personId,
            payload: deps.compose(recipient, content),
          });
        }
        reminded.push({ unitId: entry.unit.id, recipients: recipients.length });
      });
      const { queued, duplicates } = await new OutboxRepository(tx).enqueue(messages);
      await new RemindersRepository(tx).recordReminded(
        reminded.map((entry) => entry.unitId),
        periodId,
        now,
      );
      for (const entry of reminded) {
        const unit = due.find((candidate) => candidate.unit.id === entry.unitId) as DueUnit;
        await appendAudit(tx, {
          actorLabel: "scheduler",
          action: "reminder.sent",
          entityType: "UnitReminder",
          entityId: `${entry.unitId}:${key}`,
          unitId: entry.unitId,
          after: {
            period: key,
            date: today,
            reminderNumber: unit.reminderNumber,
            owing: unit.compliance.owing,
            recipients: entry.recipients,
            batch,
          },
        });
      }
      return { kind: "done", period, batch, reminded, skipped, queued, duplicates };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Every pushed unit of the latest pushed month, judged by the pure rule. */
async function decide(tx: DbClient, now: Date, calendar: WorkingCalendar, policy: ReminderPolicy) {
  const reminders = new RemindersRepository(tx);
  const overdue = new OverdueRepository(tx);
  const pushed = await reminders.latestPushedPeriod(now);
  if (!pushed) return null;
  const snapshot = await overdue.findSnapshot(pushed.period);
  if (!snapshot) return null;
  const pushedAt = await reminders.pushedAt(pushed.periodId, now);
  // Active units on the month's current list; a unit the push never reached is not reminded.
  const units = (
    await new PushAudienceRepository(tx).unitsIn({ scores: null, overdue: snapshot.snapshotId })
  ).filter((unit) => pushedAt.has(unit.id));
  const unitIds = units.map((unit) => unit.id);
  const [compliance, states] = await Promise.all([
    overdue.compliance(snapshot, unitIds),
    reminders.states(pushed.periodId, unitIds),
  ]);
  const due: DueUnit[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  for (const unit of units) {
    const figures = compliance.get(unit.id) ?? unitCompliance(unit.id, snapshot);
    const state = states.get(unit.id);
    const decision = reminderDue(
      {
        pushedAt: pushedAt.get(unit.id) as Date,
        lastRemindedAt: state?.lastRemindedAt ?? null,
        owing: figures.owing,
        snoozedUntil: state?.snoozedUntil ?? null,
      },
      now,
      calendar,
      policy,
    );
    if (decision.due)
      due.push({ unit, compliance: figures, reminderNumber: (state?.remindersSent ?? 0) + 1 });
    else skipped[decision.reason] = (skipped[decision.reason] ?? 0) + 1;
  }
  return { ...pushed, snapshot, due, skipped };
}
