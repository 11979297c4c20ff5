import type { DbClient } from "../db/prisma.js";
import {
  type CalendarDayEntry,
  createWorkingCalendar,
  type IsoDate,
  localDateOf,
  type WorkingDaysBetween,
} from "../domain/working-days.js";

const toDateColumn = (date: IsoDate) => new Date(`${date}T00:00:00Z`);
const fromDateColumn = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** The holidays and swapped working days of the Center's table (CalendarDay). */
export class CalendarRepository {
  constructor(private readonly db: DbClient) {}

  /** Adds the days shipped with the code that the table lacks; days the Center edited stay as they are. */
  async seed(entries: readonly CalendarDayEntry[]): Promise<number> {
    const result = await this.db.calendarDay.createMany({
      data: entries.map((entry) => ({ date: toDateColumn(entry.date), kind: entry.kind, name: entry.name })),
      skipDuplicates: true,
    });
    return result.count;
  }

  /** Adds the day, or replaces what the table said of that date. */
  async put(entry: CalendarDayEntry): Promise<void> {
    const data = { kind: entry.kind, name: entry.name };
    await this.db.calendarDay.upsert({
      where: { date: toDateColumn(entry.date) },
      create: { date: toDateColumn(entry.date), ...data },
      update: data,
    });
  }

  async entries(): Promise<CalendarDayEntry[]> {
    const rows = await this.db.calendarDay.findMany({ orderBy: { date: "asc" } });
    return rows.map((row) => ({ date: fromDateColumn(row.date), kind: row.kind, name: row.name }));
  }

  /** Working days between two instants, counted on their calendar dates in `timeZone`. */
  async workingDaysBetween(timeZone: string): Promise<WorkingDaysBetween> {
    const calendar = createWorkingCalendar(await this.entries());
    return (from, to) => calendar.workingDaysBetween(localDateOf(from, timeZone), localDateOf(to, timeZone));
  }
}
