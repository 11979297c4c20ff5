import { describe, expect, it } from "vitest";
import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import table from "../../src/domain/calendar-data/vn-holidays.json" with { type: "json" };
import { calendarYear, checkCalendarEntries, readCalendarDate } from "../../src/domain/calendar-entries.js";
import { createWorkingCalendar } from "../../src/domain/working-days.js";

describe("days the Center adds to the working-day table", () => {
  it.each([
    ["2026-09-01", "2026-09-01"],
    ["01/09/2026", "2026-09-01"],
    ["1/9/2026", "2026-09-01"],
    ["29/02/2025", null],
    ["2026-9-1", null],
    ["tomorrow", null],
  ])("reads %s as %s", (text, date) => {
    expect(readCalendarDate(text)).toBe(date);
  });

  it("takes a batch sorted by date, kinds in any case, names trimmed", () => {
    expect(
      checkCalendarEntries([
        { row: 2, date: "03/09/2026", kind: "holiday", name: " Quốc khánh (ngày liền kề) " },
        { row: 3, date: "2026-08-29", kind: "WORKING_DAY", name: "Làm bù" },
      ]),
    ).toEqual({
      ok: true,
      entries: [
        { date: "2026-08-29", kind: "WORKING_DAY", name: "Làm bù" },
        { date: "2026-09-03", kind: "HOLIDAY", name: "Quốc khánh (ngày liền kề)" },
      ],
    });
  });

  it("refuses the whole batch, naming every row's problems: a weekday 'worked', a date twice, bad kinds and names", () => {
    const outcome = checkCalendarEntries([
      { row: 2, date: "2026-09-01", kind: "HOLIDAY", name: "Quốc khánh" },
      { row: 3, date: "2026-09-02", kind: "WORKING_DAY", name: "Làm bù" },
      { row: 4, date: "01/09/2026", kind: "HOLIDAY", name: "Lặp lại" },
      { row: 5, date: "2026-02-30", kind: "DAY_OFF", name: "" },
      { row: 6, date: "2026-04-26", kind: "HOLIDAY", name: "x".repeat(201) },
    ]);
    expect(outcome).toEqual({
      ok: false,
      errors: [
        { row: 3, field: "date", value: "2026-09-02", code: "workingDayOnWeekday" },
        { row: 4, field: "date", value: "01/09/2026", code: "duplicateDate" },
        { row: 5, field: "date", value: "2026-02-30", code: "badDate" },
        { row: 5, field: "kind", value: "DAY_OFF", code: "badKind" },
        { row: 5, field: "name", value: "", code: "noName" },
        { row: 6, field: "name", value: "x".repeat(201), code: "nameTooLong" },
      ],
    });
  });

  it("shows a year's holidays and swapped days: 2025 has Tết 27-31/01, 30/4-2/5 with Saturday 26/4 worked, 1-2/9", () => {
    const { holidays, workingDays } = calendarYear(VN_CALENDAR_DAYS, 2025);
    const dates = holidays.map((entry) => entry.date);
    expect(dates).toEqual(
      expect.arrayContaining([
        "2025-01-27",
        "2025-01-31",
        "2025-04-30",
        "2025-05-01",
        "2025-05-02",
        "2025-09-01",
        "2025-09-02",
      ]),
    );
    expect(dates.every((date) => date.startsWith("2025-"))).toBe(true);
    expect(workingDays.map((entry) => entry.date)).toEqual(["2025-04-26"]);
  });
});

describe("2026's National Day", () => {
  it("is listed as 2/9 only, marked partial, until the adjacent day is announced", () => {
    const entry = table.days.find((day) => day.date === "2026-09-02") as Record<string, unknown>;
    expect(entry).toMatchObject({ kind: "HOLIDAY", confidence: "partial" });
    expect(String(entry.note)).toContain("art. 112");
    expect(table.days.some((day) => day.date === "2026-09-01" || day.date === "2026-09-03")).toBe(false);
  });

  it("moves deadlines once the Center adds the announced day", () => {
    const shipped = createWorkingCalendar(VN_CALENDAR_DAYS);
    expect(shipped.addWorkingDays("2026-08-31", 1)).toBe("2026-09-01");
    expect(shipped.workingDaysBetween("2026-08-28", "2026-09-04")).toBe(4);
    const added = checkCalendarEntries([
      { row: 1, date: "2026-09-01", kind: "HOLIDAY", name: "Quốc khánh (ngày liền kề)" },
    ]);
    if (!added.ok) throw new Error("refused");
    const extended = createWorkingCalendar([...VN_CALENDAR_DAYS, ...added.entries]);
    expect(extended.addWorkingDays("2026-08-31", 1)).toBe("2026-09-03");
    expect(extended.workingDaysBetween("2026-08-28", "2026-09-04")).toBe(3);
  });
});
