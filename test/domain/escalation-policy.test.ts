import { describe, expect, it } from "vitest";
import {
  assessEscalation,
  DEFAULT_ESCALATION_SETTINGS,
  type UnitEscalationHistory,
  type UnitPeriodFigures,
} from "../../src/domain/escalation-policy.js";

/** "2025-01:3:61.2" -> January 2025, 3 overdue, total 61.2 ("-" for no total). */
function months(...specs: string[]): UnitPeriodFigures[] {
  return specs.map((spec) => {
    const [period = "", overdue = "0", total = "-"] = spec.split(":");
    const [year, month] = period.split("-").map(Number);
    return {
      period: { year: year as number, month: month as number },
      overdue: Number(overdue),
      total: total === "-" ? null : Number(total),
    };
  });
}

const history = (overrides: Partial<UnitEscalationHistory>): UnitEscalationHistory => ({
  periods: [],
  unansweredReminders: null,
  repeatedDossiers: [],
  ...overrides,
});

describe("consecutive overdue months", () => {
  it.each<[string, string[], string | null, number]>([
    ["one month overdue", ["2025-01:0", "2025-02:4"], null, 0],
    ["two months running", ["2025-01:0", "2025-02:4", "2025-03:2"], "L2_CENTER", 2],
    ["three months running", ["2025-01:1", "2025-02:4", "2025-03:2"], "L3_PEOPLES_COMMITTEE", 3],
    ["a clean month in between", ["2025-01:1", "2025-02:0", "2025-03:2"], null, 0],
    ["a clean latest month", ["2025-01:1", "2025-02:4", "2025-03:0"], null, 0],
    ["a month missing from the imports", ["2024-12:1", "2025-02:4", "2025-03:2"], "L2_CENTER", 2],
    ["across a year", ["2024-11:1", "2024-12:4", "2025-01:2"], "L3_PEOPLES_COMMITTEE", 3],
  ])("%s", (_, specs, level, monthCount) => {
    const assessment = assessEscalation(history({ periods: months(...specs) }));
    expect(assessment.level).toBe(level);
    const reason = assessment.reasons.find((candidate) => candidate.code === "CONSECUTIVE_OVERDUE_MONTHS");
    expect(reason && "months" in reason ? reason.months.length : 0).toBe(monthCount);
  });

  it("gives the months and counts as evidence", () => {
    const assessment = assessEscalation(history({ periods: months("2025-02:4", "2025-03:2") }));
    expect(assessment.reasons).toEqual([
      {
        code: "CONSECUTIVE_OVERDUE_MONTHS",
        level: "L2_CENTER",
        months: [
          { period: "2025-02", overdue: 4 },
          { period: "2025-03", overdue: 2 },
        ],
      },
    ]);
  });

  it("a month whose overdue list was not imported ends a run (only its score sheet was)", () => {
    const periods = months("2025-01:2", "2025-02:0:60", "2025-03:4").map((figures, index) =>
      index === 1 ? { ...figures, overdue: null } : figures,
    );
    expect(assessEscalation(history({ periods })).level).toBe(null);
  });

  it("a history imported late escalates the same (periods, not the clock)", () => {
    const late = assessEscalation(history({ periods: months("2023-01:1", "2023-02:1", "2023-03:1") }));
    expect(late.level).toBe("L3_PEOPLES_COMMITTEE");
  });
});

describe("score", () => {
  it.each<[string, string[], number | null, string | null]>([
    ["fell two months running", ["2025-01:0:62", "2025-02:0:61", "2025-03:0:58.3"], null, "L2_CENTER"],
    ["fell once, then rose", ["2025-01:0:62", "2025-02:0:61", "2025-03:0:61.5"], null, null],
    ["a month without a total", ["2025-01:0:62", "2025-02:0:-", "2025-03:0:58"], null, null],
    ["under the threshold", ["2025-03:0:49.9"], 50, "L2_CENTER"],
    ["at the threshold", ["2025-03:0:50"], 50, null],
  ])("%s", (_, specs, scoreBelow, level) => {
    const settings = { ...DEFAULT_ESCALATION_SETTINGS, scoreBelow };
    expect(assessEscalation(history({ periods: months(...specs) }), settings).level).toBe(level);
  });
});

describe("reminders and repeated dossiers", () => {
  it("unanswered reminders are L1, ignored past the deadline L2", () => {
    const reminders = (workingDaysSince: number) =>
      assessEscalation(
        history({ unansweredReminders: { count: 2, firstSentOn: "2025-04-10", workingDaysSince } }),
      );
    expect(reminders(4).level).toBe("L1_REMINDER");
    expect(reminders(5).level).toBe("L2_CENTER");
    expect(reminders(5).reasons[0]).toMatchObject({ code: "REMINDERS_IGNORED", reminders: 2 });
  });

  it("the same dossier overdue again is L3, with its code and months", () => {
    const assessment = assessEscalation(
      history({ repeatedDossiers: [{ code: "000.00.20.H26-250301-0012", periods: ["2025-01", "2025-03"] }] }),
    );
    expect(assessment.level).toBe("L3_PEOPLES_COMMITTEE");
    expect(assessment.reasons[0]).toMatchObject({ code: "DOSSIER_OVERDUE_AGAIN" });
  });

  it("the highest rule wins and every reason is kept", () => {
    const assessment = assessEscalation(
      history({
        periods: months("2025-01:1", "2025-02:1", "2025-03:1"),
        unansweredReminders: { count: 1, firstSentOn: "2025-04-10", workingDaysSince: 1 },
      }),
    );
    expect(assessment.level).toBe("L3_PEOPLES_COMMITTEE");
    expect(assessment.reasons.map((reason) => reason.code)).toEqual([
      "REMINDERS_UNANSWERED",
      "CONSECUTIVE_OVERDUE_MONTHS",
    ]);
  });

  it("nothing calls for an escalation of a clean unit", () => {
    expect(assessEscalation(history({ periods: months("2025-03:0:70") }))).toEqual({
      level: null,
      reasons: [],
    });
  });
});
