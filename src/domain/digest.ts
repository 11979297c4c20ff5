// The weekly compliance digest: how far each unit has answered the dispatch for the dossiers on
// the overdue list (a cause, an apology record, a resolution), how that moved over the week,
// the units that have not answered at all, the causes citywide, open escalations, inspections
// due and the city's own index. The repository counts in SQL and hands the counts over as plain
// data; this module only shapes them, so the message, the chart, the workbook and the
// escalation policy all read the same figures.
//
// Every count is taken "as of" a moment (`at`): an answer counts once recorded by then and
// until superseded or revoked after it. The same counts "as of" seven days earlier give the
// change over the week, and a workbook rendered minutes later for the same `at` says the same.
import { z } from "zod";
import { CAUSE_CATEGORIES, type CauseCategory } from "./dossier-life.js";
import { ESCALATION_LEVELS, type EscalationLevel } from "./escalation-policy.js";
import type { OverdueSnapshotRef } from "./overdue.js";
import type { PeriodMonth } from "./period.js";
import { type Actor, can } from "./policy.js";
import { type DecimalValue, toTenths } from "./score-card.js";
import { wallClockAt } from "./time-zone.js";
import type { UnitKind } from "./unit-kind.js";
import { addDays, dayOfWeek, type IsoDate, localDateOf, toDayNumber } from "./working-days.js";

export { CAUSE_CATEGORIES, type CauseCategory } from "./dossier-life.js";
export { ESCALATION_LEVELS, type EscalationLevel } from "./escalation-policy.js";

/** The dispatch's three answers per dossier, counted at one moment. */
export interface AnswerCounts {
  /** A current cause report. */
  withCause: number;
  /** An apology record. */
  withApology: number;
  /** Resolved in the bot (not revoked) or finished on the portal. */
  resolved: number;
}

/** One unit's counts on the list, as the repository's aggregate returns them. */
export interface DigestUnitCounts extends AnswerCounts {
  unitId: number;
  code: string | null;
  nameVi: string;
  nameEn: string | null;
  kind: UnitKind;
  /** Dossiers of the unit on the list. */
  overdue: number;
  /** Dossiers with none of the three answers. */
  unanswered: number;
  /** The same answers seven days earlier. */
  weekAgo: AnswerCounts;
  /** The unit's total on the current score sheet, when it has one. */
  score: DecimalValue | null;
}

export interface EscalationCounts {
  level: EscalationLevel;
  open: number;
  /** Opened in the last seven days (and still open). */
  newThisWeek: number;
  acknowledged: number;
  /** Level 3 only: open, unacknowledged, opened more than the setting's days ago. */
  acknowledgementOverdue: number;
}

export interface InspectionDue {
  inspectionId: number;
  unitId: number;
  nameVi: string;
  nameEn: string | null;
  /** The calendar day, YYYY-MM-DD. */
  plannedOn: IsoDate;
}

/** The province's row of a score sheet and the one before it. */
export interface CityScoreRow {
  period: PeriodMonth;
  asOf: Date;
  total: DecimalValue;
  rank: number | null;
  rankOutOf: number | null;
  previous: { period: PeriodMonth; total: DecimalValue } | null;
}

/** Everything the repository counts for one digest. */
export interface DigestCounts {
  at: Date;
  weekAgo: Date;
  /** The overdue list the units' figures are about; null before any list was imported. */
  list: OverdueSnapshotRef | null;
  units: readonly DigestUnitCounts[];
  causes: ReadonlyArray<{ category: CauseCategory; count: number }>;
  escalations: readonly EscalationCounts[];
  inspectionsDue: readonly InspectionDue[];
  city: CityScoreRow | null;
}

export interface RankedUnit extends DigestUnitCounts {
  /** 1 = best compliance; equal compliance shares a rank (1, 2, 2, 4). */
  rank: number;
  /** Share of the three answers given, 0-100, one decimal. */
  compliance: number;
  complianceWeekAgo: number;
  /** Percentage points gained over the week, one decimal. */
  change: number;
}

export interface CauseShare {
  category: CauseCategory;
  count: number;
  /** Of all current causes on the list, 0-100, one decimal. */
  percent: number;
}

export interface CityFigures {
  period: PeriodMonth;
  asOf: Date;
  total: number;
  change: { previousPeriod: PeriodMonth; delta: number } | null;
  rank: number | null;
  rankOutOf: number | null;
}

export interface DigestTotals extends AnswerCounts {
  units: number;
  overdue: number;
  unanswered: number;
  compliance: number;
  complianceWeekAgo: number;
  change: number;
  weekAgo: AnswerCounts;
}

export interface Digest {
  at: Date;
  weekAgo: Date;
  list: OverdueSnapshotRef | null;
  city: CityFigures | null;
  totals: DigestTotals;
  /** Every unit on the list, best compliance first. */
  ranking: RankedUnit[];
  /** Units with dossiers on the list and not one answer, most dossiers first. */
  silentUnits: RankedUnit[];
  /** Most frequent first; categories nobody chose are left out. */
  causes: CauseShare[];
  /** One entry per level, L1 to L3, zeros included. */
  escalations: EscalationCounts[];
  inspectionsDue: InspectionDue[];
}

/** Which version of the digest: the Center's, or the People's Committee's (no personal data at all). */
export type DigestAudience = "center" | "peoplesCommittee";

export const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Share of the three answers given for `overdue` dossiers, 0-100 in tenths rounded half up. */
export function complianceOf(answers: AnswerCounts, overdue: number): number {
  if (overdue === 0) return 0;
  const given = answers.withCause + answers.withApology + answers.resolved;
  return Math.round((given * 1000) / (3 * overdue)) / 10;
}

function tenthsDelta(now: number, before: number): number {
  return Math.round(now * 10 - before * 10) / 10;
}

export function buildDigest(counts: DigestCounts): Digest {
  const scored = counts.units.map((unit) => {
    const compliance = complianceOf(unit, unit.overdue);
    const complianceWeekAgo = complianceOf(unit.weekAgo, unit.overdue);
    return { ...unit, compliance, complianceWeekAgo, change: tenthsDelta(compliance, complianceWeekAgo) };
  });
  const ordered = [...scored].sort(
    (a, b) =>
      b.compliance - a.compliance ||
      a.unanswered - b.unanswered ||
      a.nameVi.localeCompare(b.nameVi, "vi") ||
      a.unitId - b.unitId,
  );
  const ranking = ordered.map((unit): RankedUnit => {
    const ahead = ordered.filter((other) => other.compliance > unit.compliance).length;
    return { ...unit, rank: ahead + 1 };
  });
  const silentUnits = ranking
    .filter((unit) => unit.overdue > 0 && unit.unanswered === unit.overdue)
    .sort((a, b) => b.overdue - a.overdue || a.rank - b.rank || a.unitId - b.unitId);
  return {
    at: counts.at,
    weekAgo: counts.weekAgo,
    list: counts.list,
    city: counts.city && cityFigures(counts.city),
    totals: totalsOf(counts.units),
    ranking,
    silentUnits,
    causes: causeShares(counts.causes),
    escalations: ESCALATION_LEVELS.map(
      (level) =>
        counts.escalations.find((row) => row.level === level) ?? {
          level,
          open: 0,
          newThisWeek: 0,
          acknowledged: 0,
          acknowledgementOverdue: 0,
        },
    ),
    inspectionsDue: [...counts.inspectionsDue].sort(
      (a, b) => a.plannedOn.localeCompare(b.plannedOn) || a.nameVi.localeCompare(b.nameVi, "vi"),
    ),
  };
}

function sumAnswers(rows: readonly AnswerCounts[]): AnswerCounts {
  return rows.reduce(
    (sum, row) => ({
      withCause: sum.withCause + row.withCause,
      withApology: sum.withApology + row.withApology,
      resolved: sum.resolved + row.resolved,
    }),
    { withCause: 0, withApology: 0, resolved: 0 },
  );
}

function totalsOf(units: readonly DigestUnitCounts[]): DigestTotals {
  const overdue = units.reduce((sum, unit) => sum + unit.overdue, 0);
  const now = sumAnswers(units);
  const weekAgo = sumAnswers(units.map((unit) => unit.weekAgo));
  const compliance = complianceOf(now, overdue);
  const complianceWeekAgo = complianceOf(weekAgo, overdue);
  return {
    units: units.length,
    overdue,
    unanswered: units.reduce((sum, unit) => sum + unit.unanswered, 0),
    ...now,
    weekAgo,
    compliance,
    complianceWeekAgo,
    change: tenthsDelta(compliance, complianceWeekAgo),
  };
}

export function causeShares(rows: DigestCounts["causes"]): CauseShare[] {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return rows
    .filter((row) => row.count > 0)
    .map((row) => ({ ...row, percent: Math.round((row.count * 1000) / total) / 10 }))
    .sort(
      (a, b) =>
        b.count - a.count || CAUSE_CATEGORIES.indexOf(a.category) - CAUSE_CATEGORIES.indexOf(b.category),
    );
}

/** The change is between the two totals as shown (one decimal each), as on the score card. */
export function cityFigures(row: CityScoreRow): CityFigures {
  const total = toTenths(row.total);
  return {
    period: row.period,
    asOf: row.asOf,
    total: total / 10,
    change: row.previous
      ? { previousPeriod: row.previous.period, delta: (total - toTenths(row.previous.total)) / 10 }
      : null,
    rank: row.rank,
    rankOutOf: row.rankOutOf,
  };
}

/** A unit head's short weekly summary: their unit's line of the digest. */
export function unitLine(digest: Digest, unitId: number): RankedUnit | null {
  return digest.ranking.find((unit) => unit.unitId === unitId) ?? null;
}

// ---- The workbook's rows (read in batches by the repository) ---------------------------------

/** One dossier of the list with its answers as of the moment, for the workbook. */
export interface DigestDossierRow {
  listingId: number;
  unitCode: string | null;
  unitNameVi: string;
  code: string;
  procedureName: string;
  field: string | null;
  applicantName: string | null;
  handlerName: string | null;
  receivedAt: Date;
  dueAt: Date;
  daysOverdue: number | null;
  finishedAt: Date | null;
  causeCategory: CauseCategory | null;
  causeDetail: string | null;
  causeReportedAt: Date | null;
  apologyNumber: string | null;
  apologyIssuedOn: Date | null;
  newAppointmentOn: Date | null;
  resolvedOn: Date | null;
  resolved: boolean;
}

export interface DigestEscalationRow {
  id: number;
  unitCode: string | null;
  unitNameVi: string;
  level: EscalationLevel;
  reason: string;
  openedAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  dossierCode: string | null;
}

export interface DigestInspectionRow {
  id: number;
  unitCode: string | null;
  unitNameVi: string;
  plannedOn: Date;
  status: "PLANNED" | "DONE" | "CANCELLED";
  findings: string | null;
}

// ---- The week ---------------------------------------------------------------------------------

/**
 * The ISO week of the moment's local date, "2025-W15": what a weekly digest's dedupe keys and
 * attachments name, so a rerun in the same week queues nothing new.
 */
export function weekKeyOf(at: Date, timeZone: string): string {
  const date = localDateOf(at, timeZone);
  // The week belongs to the year of its Thursday.
  const weekday = dayOfWeek(date) === 0 ? 7 : dayOfWeek(date);
  const thursday = addDays(date, 4 - weekday);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toDayNumber(thursday) - toDayNumber(`${year}-01-01` as IsoDate)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

// ---- Settings ---------------------------------------------------------------------------------

export const digestSettingsSchema = z.object({
  /** The local hour on Mondays the digest goes out; null: no weekly digest. */
  weeklyHour: z.number().int().min(0).max(23).nullable(),
  /** Whether each unit head also gets their own unit's short summary. */
  unitHeadSummaries: z.boolean(),
  /** Days an L3 escalation may stay unacknowledged before the digest calls it overdue. */
  acknowledgementDays: z.number().int().min(1).max(60),
});

export type DigestSettings = z.infer<typeof digestSettingsSchema>;

export const DIGEST_SETTINGS_KEY = "digest";

export const DEFAULT_DIGEST_SETTINGS: DigestSettings = {
  weeklyHour: 8,
  unitHeadSummaries: false,
  acknowledgementDays: 3,
};

/** Whether the weekly digest is due at this moment: Monday, at the set hour, local time. */
export function isDigestSlot(now: Date, timeZone: string, settings: DigestSettings): boolean {
  const wall = wallClockAt(now, timeZone);
  return settings.weeklyHour !== null && wall.getUTCDay() === 1 && wall.getUTCHours() === settings.weeklyHour;
}

/**
 * Which version a person gets: the Center's admins the Center's, the People's Committee's
 * viewers theirs; anyone else none. (Neither carries applicants' names: those are for the
 * unit's own people only, see `dossier.viewApplicant`.)
 */
export function digestAudienceOf(actor: Actor | null): DigestAudience | null {
  if (!can(actor, "report.view")) return null;
  const roles = actor?.memberships.map((membership) => membership.role) ?? [];
  if (roles.includes("CENTER_ADMIN")) return "center";
  return roles.includes("PC_VIEWER") ? "peoplesCommittee" : null;
}
