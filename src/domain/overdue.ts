// A unit's overdue dossiers in one reporting period: what the dispatch asks of each (a cause,
// an apology record, a resolution), how many still lack it, and the list a page at a time.
import { z } from "zod";
import type { PeriodMonth } from "./period.js";

/** Which of the unit's listed dossiers a list shows. */
export const OVERDUE_FILTERS = ["all", "missingCause", "missingApology", "unresolved"] as const;
export type OverdueFilter = (typeof OVERDUE_FILTERS)[number];
export const overdueFilterSchema = z.enum(OVERDUE_FILTERS);

export const OVERDUE_PAGE_SIZE = 10;

/** The snapshot a summary or a list reads: the period's current overdue list. */
export interface OverdueSnapshotRef {
  snapshotId: number;
  period: PeriodMonth;
  asOf: Date;
}

/**
 * A unit's figures on one overdue list. The portal's counts are cumulative: a dossier stays
 * listed month after month until it is finished, so these are not the month's new cases.
 */
export interface OverdueSummary {
  unitId: number;
  period: PeriodMonth;
  asOf: Date;
  overdue: number;
  /** No current (not superseded) cause report. */
  missingCause: number;
  /** No apology record. */
  missingApology: number;
  /** Open and not finished on the portal (a dossier the portal lists as finished counts as resolved). */
  unresolved: number;
  /** The longest overdue on the list; null when the list is empty. */
  oldest: { code: string; daysOverdue: number | null; dueAt: Date } | null;
}

/** The summary of a unit with nothing on the list. */
export function emptySummary(unitId: number, snapshot: OverdueSnapshotRef): OverdueSummary {
  return {
    unitId,
    period: snapshot.period,
    asOf: snapshot.asOf,
    overdue: 0,
    missingCause: 0,
    missingApology: 0,
    unresolved: 0,
    oldest: null,
  };
}

export type DossierState = "OPEN" | "RESOLVED" | "NO_LONGER_LISTED";

/** One line of a unit's overdue list. */
export interface OverdueListItem {
  dossierId: number;
  code: string;
  procedureName: string;
  /** As the period's list gives it. */
  daysOverdue: number | null;
  dueAt: Date;
  hasCause: boolean;
  hasApology: boolean;
  resolved: boolean;
}

export interface OverduePage {
  unitId: number;
  period: PeriodMonth;
  asOf: Date;
  filter: OverdueFilter;
  /** Zero-based, already clamped to the pages there are. */
  page: number;
  pageCount: number;
  /** Dossiers the filter matches, on all pages. */
  total: number;
  items: OverdueListItem[];
}

/** One dossier as its card shows it. */
export interface OverdueDossier {
  id: number;
  /** The dossier's unit, read from the database: what the policy is asked about. */
  unitId: number;
  code: string;
  procedureName: string;
  field: string | null;
  applicantName: string | null;
  receivedAt: Date;
  dueAt: Date;
  daysOverdue: number | null;
  state: DossierState;
  portalStatus: string | null;
  finishedAt: Date | null;
  handlerName: string | null;
  cause: { category: string; detail: string | null } | null;
  apology: { letterNumber: string; issuedOn: Date; newAppointmentOn: Date } | null;
  resolution: { outcome: string; resolvedOn: Date } | null;
  /** Waiting for the applicant since (a calendar date), for what. */
  pause?: { startedOn: Date; awaiting: string } | null;
}

/**
 * A row of the unit's overdue workbook: the dossier as its card shows it, except that
 * `daysOverdue` is the period's list's figure (the card's is the latest one imported).
 */
export type OverdueWorkbookRow = OverdueDossier;

/** The dispatch's rule for "resolved": marked resolved in the bot, or finished on the portal. */
export function isUnresolved(dossier: { state: DossierState; finishedAt: Date | null }): boolean {
  return dossier.state === "OPEN" && dossier.finishedAt === null;
}

export function pageCount(total: number, pageSize = OVERDUE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A requested page within the pages there are (a stale button may ask past the end). */
export function clampPage(page: number, total: number, pageSize = OVERDUE_PAGE_SIZE): number {
  return Math.min(Math.max(0, Math.trunc(page)), pageCount(total, pageSize) - 1);
}

export function pageOffset(page: number, pageSize = OVERDUE_PAGE_SIZE): number {
  return page * pageSize;
}
