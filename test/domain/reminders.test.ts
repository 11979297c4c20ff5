// Real dates around Tết 2025 (27/01-31/01 off) and 30/4-2/5 2025 (Saturday 26/4 worked in
// exchange for Friday 2/5).
import { describe, expect, it } from "vitest";
import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import { nextReminderDate, reminderDue, snooze, type UnitReminderState } from "../../src/domain/reminders.js";
import { createWorkingCalendar } from "../../src/domain/working-days.js";

const calendar = createWorkingCalendar(VN_CALENDAR_DAYS);
/** 09:00 in Hanoi on that date. */
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour - 7).padStart(2, "0")}:00:00Z`);

const state = (overrides: Partial<UnitReminderState>): UnitReminderState => ({
  pushedAt: at("2025-04-10"),
  lastRemindedAt: null,
  owing: 3,
  snoozedUntil: null,
  ...overrides,
});

describe("reminders in working days", () => {
  it("skip 30/4 to 2/5 and the weekend: pushed Tuesday 29/4, the second working day after is Tuesday 6/5", () => {
    expect(
      nextReminderDate(state({ pushedAt: at("2025-04-29") }), calendar, {
        everyWorkingDays: 2,
        fromHour: 8,
        untilHour: 17,
        timeZone: "Asia/Ho_Chi_Minh",
      }),
    ).toBe("2025-05-06");
    expect(reminderDue(state({ pushedAt: at("2025-04-29") }), at("2025-05-02"), calendar)).toEqual({
      due: false,
      reason: "outsideOfficeHours",
    });
    expect(reminderDue(state({ pushedAt: at("2025-04-29") }), at("2025-05-05"), calendar)).toEqual({
      due: false,
      reason: "notYet",
    });
    expect(reminderDue(state({ pushedAt: at("2025-04-29") }), at("2025-05-06"), calendar)).toEqual({
      due: true,
    });
  });

  it("skip Tết 2025: pushed Friday 24/01, due Tuesday 04/02", () => {
    const pushed = state({ pushedAt: at("2025-01-24") });
    expect(reminderDue(pushed, at("2025-02-03"), calendar)).toEqual({ due: false, reason: "notYet" });
    expect(reminderDue(pushed, at("2025-02-04"), calendar)).toEqual({ due: true });
  });

  it("only between 08:00 and 17:00 local time", () => {
    const pushed = state({ pushedAt: at("2025-04-07") });
    expect(reminderDue(pushed, at("2025-04-09", 7), calendar)).toEqual({
      due: false,
      reason: "outsideOfficeHours",
    });
    expect(reminderDue(pushed, at("2025-04-09", 8), calendar)).toEqual({ due: true });
    expect(reminderDue(pushed, at("2025-04-09", 17), calendar)).toEqual({
      due: false,
      reason: "outsideOfficeHours",
    });
  });

  it("count from the last reminder, and stop once everything is answered", () => {
    const reminded = state({ pushedAt: at("2025-04-01"), lastRemindedAt: at("2025-04-09") });
    expect(reminderDue(reminded, at("2025-04-10"), calendar)).toEqual({ due: false, reason: "notYet" });
    expect(reminderDue(reminded, at("2025-04-11"), calendar)).toEqual({ due: true });
    expect(reminderDue({ ...reminded, owing: 0 }, at("2025-04-11"), calendar)).toEqual({
      due: false,
      reason: "answered",
    });
  });
});

describe("remind me next working day", () => {
  it("moves the reminder to the next working day (a worked Saturday counts), once a week", () => {
    const friday = at("2025-04-25");
    const snoozed = snooze(friday, null, calendar);
    expect(snoozed).toEqual({ ok: true, until: "2025-04-26" });
    expect(snooze(at("2025-04-29"), friday, calendar)).toEqual({ ok: false, reason: "snoozedThisWeek" });
    expect(snooze(at("2025-05-02"), friday, calendar).ok).toBe(true);
    const due = state({ pushedAt: at("2025-04-21"), snoozedUntil: "2025-04-28" });
    expect(reminderDue(due, at("2025-04-25"), calendar)).toEqual({ due: false, reason: "snoozed" });
    expect(reminderDue(due, at("2025-04-28"), calendar)).toEqual({ due: true });
  });
});
