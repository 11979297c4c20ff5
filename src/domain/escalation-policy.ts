// Which escalation level a unit should be at, and why (DOMAIN.md "Escalation"). Pure: the
// caller reads the unit's history (imported periods, reminders) and the settings; the sweep
// compares the answer with the unit's open escalations. Consecutive months are the imported
// reporting periods counted back from the latest one imported, never from the wall clock; a
// month missing from the imports ends a run (no data proves nothing).
import { z } from "zod";
import type { PeriodMonth } from "./period.js";
import { periodKey } from "./period.js";

export const ESCALATION_LEVELS = ["L1_REMINDER", "L2_CENTER", "L3_PEOPLES_COMMITTEE"] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface EscalationSettings {
  /** Working days the unit head has to acknowledge an L3 escalation. */
  acknowledgeWorkingDays: number;
  closeAfterCleanMonth: boolean;
  /** L2 when reminders have gone unanswered this many working days after the first one. */
  reminderIgnoredWorkingDays: number;
  /** L2 after this many consecutive months with overdue dossiers; L3 after the next count. */
  overdueMonthsForCenter: number;
  overdueMonthsForPeoplesCommittee: number;
  /** L2 when the total fell this many months running. */
  scoreFallMonths: number;
  /** L2 when the latest total is below this (null: no threshold). */
  scoreBelow: number | null;
}

export const escalationSettingsSchema = z.object({
  reminderIgnoredWorkingDays: z.number().int().min(1).max(30),
  overdueMonthsForCenter: z.number().int().min(1).max(12),
  overdueMonthsForPeoplesCommittee: z.number().int().min(1).max(12),
  scoreFallMonths: z.number().int().min(1).max(12),
  scoreBelow: z.number().min(0).max(100).nullable(),
  /** Working days the unit head has to acknowledge an L3 escalation (reminded daily until then). */
  acknowledgeWorkingDays: z.number().int().min(1).max(30),
  /** Close an escalation by itself once a clean month is imported (else an admin confirms). */
  closeAfterCleanMonth: z.boolean(),
});

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
  reminderIgnoredWorkingDays: 5,
  overdueMonthsForCenter: 2,
  overdueMonthsForPeoplesCommittee: 3,
  scoreFallMonths: 2,
  scoreBelow: null,
  acknowledgeWorkingDays: 3,
  closeAfterCleanMonth: false,
};

export const ESCALATION_SETTINGS_KEY = "escalation";

export interface UnitPeriodFigures {
  period: PeriodMonth;
  /**
   * Dossiers on the period's current overdue list for the unit (0 when it lists none); null
   * when no overdue list of that period was imported (a month without data ends a run).
   */
  overdue: number | null;
  /** The unit's total in the period's current score sheet; null when it has none. */
  total: number | null;
}

export interface UnitEscalationHistory {
  /** Every imported period, oldest first (a unit absent from a period's list has overdue 0). */
  periods: readonly UnitPeriodFigures[];
  /** Answers still missing after reminders: working days since the first unanswered reminder. */
  unansweredReminders: { count: number; firstSentOn: string; workingDaysSince: number } | null;
  /** Dossiers overdue again in a later period after they had left the list or been resolved. */
  repeatedDossiers: readonly { code: string; periods: readonly string[] }[];
}

export type EscalationReason =
  | {
      code: "REMINDERS_UNANSWERED";
      level: "L1_REMINDER";
      reminders: number;
      firstSentOn: string;
      workingDaysSince: number;
    }
  | {
      code: "REMINDERS_IGNORED";
      level: "L2_CENTER";
      reminders: number;
      firstSentOn: string;
      workingDaysSince: number;
    }
  | {
      code: "CONSECUTIVE_OVERDUE_MONTHS";
      level: "L2_CENTER" | "L3_PEOPLES_COMMITTEE";
      months: Array<{ period: string; overdue: number }>;
    }
  | { code: "SCORE_FALLING"; level: "L2_CENTER"; months: Array<{ period: string; total: number }> }
  | { code: "SCORE_BELOW_THRESHOLD"; level: "L2_CENTER"; period: string; total: number; threshold: number }
  | {
      code: "DOSSIER_OVERDUE_AGAIN";
      level: "L3_PEOPLES_COMMITTEE";
      dossiers: Array<{ code: string; periods: string[] }>;
    }
  /** A Center admin escalated by hand. */
  | { code: "MANUAL"; level: "L3_PEOPLES_COMMITTEE"; byPersonId: number; note: string | null };

export interface EscalationAssessment {
  /** The highest level any rule reaches; null when nothing calls for one. */
  level: EscalationLevel | null;
  reasons: EscalationReason[];
}

const RANK: Record<EscalationLevel, number> = { L1_REMINDER: 1, L2_CENTER: 2, L3_PEOPLES_COMMITTEE: 3 };

export function levelRank(level: EscalationLevel | null): number {
  return level ? RANK[level] : 0;
}

export function assessEscalation(
  history: UnitEscalationHistory,
  settings: EscalationSettings = DEFAULT_ESCALATION_SETTINGS,
): EscalationAssessment {
  const reasons = [
    ...reminderReasons(history, settings),
    ...overdueRunReasons(history.periods, settings),
    ...scoreReasons(history.periods, settings),
    ...repeatedDossierReasons(history),
  ];
  const level = reasons.reduce<EscalationLevel | null>(
    (highest, reason) => (levelRank(reason.level) > levelRank(highest) ? reason.level : highest),
    null,
  );
  return { level, reasons };
}

function reminderReasons(history: UnitEscalationHistory, settings: EscalationSettings): EscalationReason[] {
  const reminders = history.unansweredReminders;
  if (!reminders || reminders.count === 0) return [];
  const evidence = {
    reminders: reminders.count,
    firstSentOn: reminders.firstSentOn,
    workingDaysSince: reminders.workingDaysSince,
  };
  return reminders.workingDaysSince >= settings.reminderIgnoredWorkingDays
    ? [{ code: "REMINDERS_IGNORED", level: "L2_CENTER", ...evidence }]
    : [{ code: "REMINDERS_UNANSWERED", level: "L1_REMINDER", ...evidence }];
}

/** The latest periods, newest last, as long as each is the calendar month after the one before. */
function latestConsecutive<T extends UnitPeriodFigures>(periods: readonly T[]): T[] {
  const run: T[] = [];
  for (let index = periods.length - 1; index >= 0; index--) {
    const current = periods[index] as T;
    const next = run[0];
    if (next && monthIndex(next.period) - monthIndex(current.period) !== 1) break;
    run.unshift(current);
  }
  return run;
}

function monthIndex(period: PeriodMonth): number {
  return period.year * 12 + (period.month - 1);
}

function overdueRunReasons(
  periods: readonly UnitPeriodFigures[],
  settings: EscalationSettings,
): EscalationReason[] {
  const run: Array<UnitPeriodFigures & { overdue: number }> = [];
  const listed = periods.filter(
    (figures): figures is UnitPeriodFigures & { overdue: number } => figures.overdue !== null,
  );
  for (const figures of latestConsecutive(listed).reverse()) {
    if (figures.overdue === 0) break;
    run.unshift(figures as UnitPeriodFigures & { overdue: number });
  }
  const months = run.map((figures) => ({ period: periodKey(figures.period), overdue: figures.overdue }));
  if (run.length >= settings.overdueMonthsForPeoplesCommittee)
    return [{ code: "CONSECUTIVE_OVERDUE_MONTHS", level: "L3_PEOPLES_COMMITTEE", months }];
  if (run.length >= settings.overdueMonthsForCenter)
    return [{ code: "CONSECUTIVE_OVERDUE_MONTHS", level: "L2_CENTER", months }];
  return [];
}

function scoreReasons(
  periods: readonly UnitPeriodFigures[],
  settings: EscalationSettings,
): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  const scored = latestConsecutive(periods);
  const latest = scored.at(-1);
  if (latest && latest.total !== null && settings.scoreBelow !== null && latest.total < settings.scoreBelow) {
    reasons.push({
      code: "SCORE_BELOW_THRESHOLD",
      level: "L2_CENTER",
      period: periodKey(latest.period),
      total: latest.total,
      threshold: settings.scoreBelow,
    });
  }
  const window = scored.slice(-(settings.scoreFallMonths + 1));
  const totals = window.map((figures) => figures.total);
  const falling =
    settings.scoreFallMonths > 0 &&
    window.length === settings.scoreFallMonths + 1 &&
    totals.every((total, index) => total !== null && (index === 0 || total < (totals[index - 1] as number)));
  if (falling) {
    reasons.push({
      code: "SCORE_FALLING",
      level: "L2_CENTER",
      months: window.map((figures) => ({
        period: periodKey(figures.period),
        total: figures.total as number,
      })),
    });
  }
  return reasons;
}

function repeatedDossierReasons(history: UnitEscalationHistory): EscalationReason[] {
  if (history.repeatedDossiers.length === 0) return [];
  return [
    {
      code: "DOSSIER_OVERDUE_AGAIN",
      level: "L3_PEOPLES_COMMITTEE",
      dossiers: history.repeatedDossiers.map((dossier) => ({
        code: dossier.code,
        periods: [...dossier.periods],
      })),
    },
  ];
}
