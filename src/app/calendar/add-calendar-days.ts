// The Center keeps the working-day table true: days announced after the code shipped (a year's
// swaps, 2026's second National Day) are added from the CLI, one at a time or from a file. All
// of a batch or none of it; every added or changed day is an audit event with its before and
// after, so the table's history is kept.
import { inTransaction } from "../../db/transaction.js";
import {
  type CalendarEntryError,
  checkCalendarEntries,
  type RawCalendarEntry,
} from "../../domain/calendar-entries.js";
import { type Actor, can } from "../../domain/policy.js";
import type { CalendarDayEntry } from "../../domain/working-days.js";
import { appendAudit } from "../../repositories/audit.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import type { AppContext } from "../context.js";

export type AddCalendarDaysOutcome =
  | { kind: "forbidden" }
  | { kind: "rejected"; errors: CalendarEntryError[] }
  | { kind: "done"; added: CalendarDayEntry[]; changed: CalendarDayEntry[]; unchanged: number };

export async function addCalendarDays(
  app: AppContext,
  input: {
    by: { actor: Actor } | { actorLabel: string };
    entries: readonly RawCalendarEntry[];
    source: string;
  },
): Promise<AddCalendarDaysOutcome> {
  if ("actor" in input.by && !can(input.by.actor, "unit.manage")) return { kind: "forbidden" };
  const checked = checkCalendarEntries(input.entries);
  if (!checked.ok) return { kind: "rejected", errors: checked.errors };
  return inTransaction(app.db, async (tx) => {
    const calendar = new CalendarRepository(tx);
    const existing = new Map((await calendar.entries()).map((entry) => [entry.date, entry]));
    const added: CalendarDayEntry[] = [];
    const changed: CalendarDayEntry[] = [];
    for (const entry of checked.entries) {
      const before = existing.get(entry.date);
      if (before && before.kind === entry.kind && before.name === entry.name) continue;
      await calendar.put(entry);
      (before ? changed : added).push(entry);
      await appendAudit(tx, {
        actorId: "actor" in input.by ? input.by.actor.personId : null,
        ...("actorLabel" in input.by ? { actorLabel: input.by.actorLabel } : {}),
        action: before ? "calendar.dayChanged" : "calendar.dayAdded",
        entityType: "CalendarDay",
        entityId: entry.date,
        before: before ? { kind: before.kind, name: before.name } : null,
        after: { kind: entry.kind, name: entry.name, source: input.source },
      });
    }
    return {
      kind: "done",
      added,
      changed,
      unchanged: checked.entries.length - added.length - changed.length,
    };
  });
}
