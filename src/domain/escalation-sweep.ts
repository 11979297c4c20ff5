// What the sweep does with one unit: compare the level the policy asks for with the unit's
// open escalation. It opens (L2 and L3 only: L1 is the reminders themselves), raises, never
// opens the same one twice, and never lowers one silently: when the conditions clear it
// proposes the de-escalation for a Center admin to confirm, or (by setting) closes it once a
// clean month has been imported.
import {
  type EscalationAssessment,
  type EscalationLevel,
  type EscalationReason,
  levelRank,
} from "./escalation-policy.js";

export interface OpenEscalation {
  id: number;
  level: EscalationLevel;
  deescalationProposed: boolean;
  /** Opened by a Center admin's hand: only a Center admin closes it. */
  manual: boolean;
}

export type SweepAction =
  | { kind: "none" }
  | { kind: "open"; level: EscalationLevel }
  | { kind: "raise"; escalationId: number; from: EscalationLevel; to: EscalationLevel }
  | { kind: "proposeClose"; escalationId: number }
  | { kind: "close"; escalationId: number }
  /** The conditions came back before an admin confirmed the proposal. */
  | { kind: "withdrawProposal"; escalationId: number };

export interface SweepOptions {
  /** Close without asking once the latest imported month is clean. */
  closeAfterCleanMonth: boolean;
  /** The latest imported month has no overdue dossier for the unit. */
  latestMonthClean: boolean;
}

export function sweepAction(
  open: OpenEscalation | null,
  assessment: EscalationAssessment,
  options: SweepOptions,
): SweepAction {
  const wanted = levelRank(assessment.level) >= levelRank("L2_CENTER") ? assessment.level : null;
  if (!open) return wanted ? { kind: "open", level: wanted } : { kind: "none" };
  if (wanted && levelRank(wanted) > levelRank(open.level))
    return { kind: "raise", escalationId: open.id, from: open.level, to: wanted };
  if (wanted)
    return open.deescalationProposed ? { kind: "withdrawProposal", escalationId: open.id } : { kind: "none" };
  if (open.manual) return { kind: "none" };
  if (options.closeAfterCleanMonth && options.latestMonthClean)
    return { kind: "close", escalationId: open.id };
  return open.deescalationProposed ? { kind: "none" } : { kind: "proposeClose", escalationId: open.id };
}

/** Who hears of an escalation, and why. */
export type EscalationNoticeKind =
  /** The unit head: what happened and what to do by when. */
  | "unitHead"
  /** The Center's admins: with Acknowledge, Schedule inspection, Escalate to the PC. */
  | "center"
  /** The People's Committee's viewers: the report (unit, evidence, history, answers). */
  | "peoplesCommittee"
  /** The unit head, until they acknowledge an L3 escalation. */
  | "acknowledgeReminder"
  /** The Center's admins: the conditions cleared; confirm the de-escalation. */
  | "proposeClose"
  /** The unit head and the Center: it is closed. */
  | "closed";

export interface EscalationNotice {
  kind: EscalationNoticeKind;
  escalationId: number;
  unit: { id: number; code: string | null; nameVi: string; nameEn: string | null };
  level: EscalationLevel;
  reasons: readonly EscalationReason[];
  /** For the unit head: acknowledge by then. */
  acknowledgeBy: Date | null;
  raised: boolean;
}
