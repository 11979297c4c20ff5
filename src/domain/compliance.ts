// A unit's compliance with the dispatch for one period: of the dossiers the period's current
// overdue list names, how many have a cause, an apology record, are resolved (marked in the bot
// or finished on the portal) or paused waiting for the applicant, and how many still owe an
// answer. One module, so that the list, the reminders, the escalation rules, the digest and the
// CLI read the same figures and never disagree. The counting is SQL's (repositories/overdue.ts).
import type { OverdueSnapshotRef, OverdueSummary } from "./overdue.js";
import type { PeriodMonth } from "./period.js";

/** What the repository counts per unit on one overdue list. */
export interface ComplianceCounts {
  overdue: number;
  /** With a current (not superseded) cause report. */
  withCause: number;
  withApology: number;
  /** With both a cause and an apology record: nothing more is owed for them. */
  answered: number;
  /** Marked resolved in the bot, or finished on the portal (returned late, not left unresolved). */
  resolved: number;
  /** Waiting for the applicant: a pause that has not ended. */
  paused: number;
}

/** Each count as a share of the overdue dossiers, 0..1; null when none are overdue. */
export interface ComplianceShares {
  withCause: number | null;
  withApology: number | null;
  resolved: number | null;
  paused: number | null;
}

export interface UnitCompliance extends ComplianceCounts {
  unitId: number;
  period: PeriodMonth;
  asOf: Date;
  /** Dossiers still missing a cause or an apology record: what reminders are about. */
  owing: number;
  shares: ComplianceShares;
}

export const NO_COMPLIANCE: ComplianceCounts = {
  overdue: 0,
  withCause: 0,
  withApology: 0,
  answered: 0,
  resolved: 0,
  paused: 0,
};

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The unit's compliance from its counts. Counts that cannot be (more answered than overdue, a
 * negative count) are a bug in the query, not data to show: they throw.
 */
export function unitCompliance(
  unitId: number,
  snapshot: OverdueSnapshotRef,
  counts: ComplianceCounts = NO_COMPLIANCE,
): UnitCompliance {
  const parts = [counts.withCause, counts.withApology, counts.answered, counts.resolved, counts.paused];
  if (counts.overdue < 0 || parts.some((part) => part < 0 || part > counts.overdue))
    throw new RangeError(`impossible compliance counts for unit ${unitId}: ${JSON.stringify(counts)}`);
  if (counts.answered > Math.min(counts.withCause, counts.withApology))
    throw new RangeError(`more answered than with a cause or an apology for unit ${unitId}`);
  return {
    unitId,
    period: snapshot.period,
    asOf: snapshot.asOf,
    ...counts,
    owing: counts.overdue - counts.answered,
    shares: {
      withCause: share(counts.withCause, counts.overdue),
      withApology: share(counts.withApology, counts.overdue),
      resolved: share(counts.resolved, counts.overdue),
      paused: share(counts.paused, counts.overdue),
    },
  };
}

/** The same figures from an overdue summary's "missing" counts and the two it lacks. */
export function complianceCounts(
  summary: Pick<OverdueSummary, "overdue" | "missingCause" | "missingApology" | "unresolved">,
  extra: { answered: number; paused: number },
): ComplianceCounts {
  return {
    overdue: summary.overdue,
    withCause: summary.overdue - summary.missingCause,
    withApology: summary.overdue - summary.missingApology,
    answered: extra.answered,
    resolved: summary.overdue - summary.unresolved,
    paused: extra.paused,
  };
}
