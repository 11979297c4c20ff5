import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import {
  addDays,
  createWorkingCalendar,
  dayOfWeek,
  fromDayNumber,
  isIsoDate,
  localDateOf,
  toDayNumber,
  zonedTimeToInstant,
} from "../../src/domain/working-days.js";

const calendar = createWorkingCalendar(VN_CALENDAR_DAYS);

describe("date helpers", () => {
  it("validates and converts ISO dates", () => {
    expect(isIsoDate("2025-02-28")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("11/04/2025")).toBe(false);
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(fromDayNumber(toDayNumber("2025-04-11"))).toBe("2025-04-11");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("1969-12-31", 1)).toBe("1970-01-01");
    expect(dayOfWeek("2025-04-11")).toBe(5);
    expect(() => toDayNumber("2025-13-01")).toThrow(RangeError);
  });

  it("takes the calendar date in the zone, not in UTC: 23:30 UTC is already the next day in Hanoi", () => {
    const instant = new Date("2025-04-10T23:30:00Z");
    expect(localDateOf(instant, "Asia/Ho_Chi_Minh")).toBe("2025-04-11");
    expect(localDateOf(instant)).toBe("2025-04-11");
    expect(localDateOf(instant, "UTC")).toBe("2025-04-10");
    expect(localDateOf(new Date("2025-04-10T16:59:59Z"))).toBe("2025-04-10");
    expect(localDateOf(new Date("2025-04-10T17:00:00Z"))).toBe("2025-04-11");
  });

  it("turns a wall-clock time in a zone into an instant", () => {
    expect(zonedTimeToInstant("2025-04-11", 11, 0).toISOString()).toBe("2025-04-11T04:00:00.000Z");
    expect(zonedTimeToInstant("2025-07-01", 9, 30, "Europe/Paris").toISOString()).toBe(
      "2025-07-01T07:30:00.000Z",
    );
    expect(zonedTimeToInstant("2025-01-15", 9, 30, "Europe/Paris").toISOString()).toBe(
      "2025-01-15T08:30:00.000Z",
    );
  });
});

describe("working calendar", () => {
  it("treats weekends as days off and weekdays as working days", () => {
    const plain = createWorkingCalendar([]);
    expect(plain.isWorkingDay("2025-03-08")).toBe(false); // Saturday
    expect(plain.isWorkingDay("2025-03-09")).toBe(false); // Sunday
    expect(plain.isWorkingDay("2025-03-10")).toBe(true); // Monday
    expect(plain.isWorkingDay("2025-03-14")).toBe(true); // Friday
    expect(plain.workingDaysBetween("2025-03-07", "2025-03-10")).toBe(1);
    expect(plain.addWorkingDays("2025-03-07", 1)).toBe("2025-03-10");
  });

  it("knows Tết 2025: Saturday 25/1 to Sunday 2/2, weekdays 27-31/1 off", () => {
    for (const day of ["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]) {
      expect(calendar.isWorkingDay(day)).toBe(false);
      expect(calendar.entryFor(day)?.name).toContain("Tết");
    }
    expect(calendar.isWorkingDay("2025-01-24")).toBe(true);
    expect(calendar.isWorkingDay("2025-02-03")).toBe(true);
    // Friday 24/1 to Monday 3/2: the Monday is the only working day in between.
    expect(calendar.workingDaysBetween("2025-01-24", "2025-02-03")).toBe(1);
    expect(calendar.addWorkingDays("2025-01-24", 1)).toBe("2025-02-03");
  });

  it("knows the other 2025 holidays", () => {
    for (const day of ["2025-01-01", "2025-04-07", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02"]) {
      expect(calendar.isWorkingDay(day)).toBe(false);
    }
  });

  it("counts a swapped Saturday as a working day and its swapped weekday as a day off", () => {
    expect(calendar.isWorkingDay("2025-04-26")).toBe(true); // Saturday worked
    expect(calendar.entryFor("2025-04-26")?.kind).toBe("WORKING_DAY");
    expect(calendar.isWorkingDay("2025-05-02")).toBe(false); // Friday off instead
    expect(calendar.isWorkingDay("2025-04-27")).toBe(false); // Sunday stays off
    expect(calendar.isWorkingDay("2024-05-04")).toBe(true);
    expect(calendar.isWorkingDay("2026-01-10")).toBe(true);
    expect(calendar.workingDaysBetween("2025-04-25", "2025-04-28")).toBe(2); // Sat 26 + Mon 28
  });

  it("adds working days across a holiday", () => {
    // Friday 4/4/2025 + 1: Monday 7/4 is Hùng Kings' day, so Tuesday 8/4.
    expect(calendar.addWorkingDays("2025-04-04", 1)).toBe("2025-04-08");
    // Tuesday 29/4 + 1: Wednesday 30/4 to Sunday 4/5 are off, so Monday 5/5.
    expect(calendar.addWorkingDays("2025-04-29", 1)).toBe("2025-05-05");
    // Across the swapped Saturday: Friday 25/4 + 1 = Saturday 26/4.
    expect(calendar.addWorkingDays("2025-04-25", 1)).toBe("2025-04-26");
    // Thursday 23/1/2025 + 3 = Tuesday 4/2 (Fri 24/1, Mon 3/2, Tue 4/2).
    expect(calendar.addWorkingDays("2025-01-23", 3)).toBe("2025-02-04");
    expect(calendar.addWorkingDays("2025-04-08", -1)).toBe("2025-04-04");
    expect(calendar.addWorkingDays("2025-04-06", 0)).toBe("2025-04-06");
  });

  it("counts working days between two dates (after `from`, up to and including `to`)", () => {
    expect(calendar.workingDaysBetween("2025-03-03", "2025-03-03")).toBe(0);
    expect(calendar.workingDaysBetween("2025-03-10", "2025-03-03")).toBe(0);
    expect(calendar.workingDaysBetween("2025-03-03", "2025-03-07")).toBe(4);
    expect(calendar.workingDaysBetween("2025-03-03", "2025-03-10")).toBe(5);
    // March 2025: 21 weekdays, no holiday.
    expect(calendar.workingDaysBetween("2025-02-28", "2025-03-31")).toBe(21);
    // April 2025: 22 weekdays, minus 7/4 and 30/4, plus Saturday 26/4.
    expect(calendar.workingDaysBetween("2025-03-31", "2025-04-30")).toBe(21);
    // Whole of 2025: 261 weekdays, minus 12 weekday holidays, plus 1 Saturday.
    expect(calendar.workingDaysBetween("2024-12-31", "2025-12-31")).toBe(250);
  });

  it("rejects a contradictory or malformed table", () => {
    expect(() =>
      createWorkingCalendar([
        { date: "2025-04-26", kind: "WORKING_DAY", name: "a" },
        { date: "2025-04-26", kind: "HOLIDAY", name: "b" },
      ]),
    ).toThrow(/both/);
    expect(() => createWorkingCalendar([{ date: "2025-4-26", kind: "HOLIDAY", name: "a" }])).toThrow(
      RangeError,
    );
  });

  it("ships only dates of the source years, each one a real date", () => {
    for (const day of VN_CALENDAR_DAYS) {
      expect(isIsoDate(day.date)).toBe(true);
      expect(["2024", "2025", "2026"]).toContain(day.date.slice(0, 4));
    }
  });

  const dateArbitrary = fc
    .integer({ min: toDayNumber("2023-06-01"), max: toDayNumber("2027-06-30") })
    .map((dayNumber) => fromDayNumber(dayNumber));

  it("adding n working days then counting them back gives n", () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: 0, max: 400 }), (date, n) => {
        const result = calendar.addWorkingDays(date, n);
        expect(calendar.workingDaysBetween(date, result)).toBe(n);
        if (n > 0) expect(calendar.isWorkingDay(result)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("counts the same as walking day by day", () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: -10, max: 120 }), (from, span) => {
        const to = addDays(from, span);
        let walked = 0;
        for (let day = 1; day <= span; day += 1) if (calendar.isWorkingDay(addDays(from, day))) walked += 1;
        expect(calendar.workingDaysBetween(from, to)).toBe(walked);
      }),
      { numRuns: 300 },
    );
  });
});
