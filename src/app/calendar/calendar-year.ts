// A year of the working-day table, as /holidays shows it: for anyone who holds a membership.
import { calendarYear } from "../../domain/calendar-entries.js";
import type { Actor } from "../../domain/policy.js";
import type { CalendarDayEntry } from "../../domain/working-days.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import type { AppContext } from "../context.js";

export type CalendarYearOutcome =
  | { kind: "forbidden" }
  | { kind: "done"; year: number; holidays: CalendarDayEntry[]; workingDays: CalendarDayEntry[] };

export async function readCalendarYear(
  app: AppContext,
  input: { actor: Actor | null; year: number },
): Promise<CalendarYearOutcome> {
  if (!input.actor || input.actor.memberships.length === 0) return { kind: "forbidden" };
  const entries = await new CalendarRepository(app.db).entries();
  return { kind: "done", year: input.year, ...calendarYear(entries, input.year) };
}
