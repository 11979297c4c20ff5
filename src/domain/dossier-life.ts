// A dossier's life once it is overdue (DOMAIN.md 1-3): which answers it has, and which step
// may come next. Pure: the facts are read from the database by the caller, the step's effect
// is written by the caller in one transaction.
import type { Role } from "./roles.js";
import { compareIsoDates, type IsoDate } from "./working-days.js";

export const CAUSE_CATEGORIES = [
  "WAITING_FOR_APPLICANT",
  "WAITING_FOR_OTHER_AGENCY",
  "SYNC_ERROR",
  "STAFF_SLOW_OR_UNFAMILIAR",
  "WORKLOAD",
  "COMPLEX_DOSSIER",
  "OTHER",
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

/** How long the person who marked a dossier resolved may take it back without an admin. */
export const UNDO_RESOLUTION_MS = 10 * 60 * 1000;

/** What is known of one dossier, as the state machine needs it. Dates are local ISO dates. */
export interface DossierFacts {
  receivedOn: IsoDate;
  dueOn: IsoDate;
  listed: boolean;
  hasCause: boolean;
  apology: { newAppointmentOn: IsoDate } | null;
  /** Marked resolved in the bot (not revoked). */
  resolution: { recordedById: number | null; recordedAt: Date } | null;
  /** The portal itself lists it as finished (returned late, not left unresolved). */
  finishedOnPortal: boolean;
  /** An open pause: waiting for the applicant. */
  pausedSince: IsoDate | null;
}

/** The state shown on the card, in the order a unit works through it. */
export type DossierStage =
  | "UNANSWERED"
  | "CAUSE_GIVEN"
  | "APOLOGY_RECORDED"
  | "ANSWERED"
  | "PAUSED"
  | "RESOLVED"
  | "NO_LONGER_LISTED";

export function stageOf(facts: DossierFacts): DossierStage {
  if (facts.resolution || facts.finishedOnPortal) return "RESOLVED";
  if (!facts.listed) return "NO_LONGER_LISTED";
  if (facts.pausedSince) return "PAUSED";
  if (facts.hasCause && facts.apology) return "ANSWERED";
  if (facts.apology) return "APOLOGY_RECORDED";
  return facts.hasCause ? "CAUSE_GIVEN" : "UNANSWERED";
}

/** What a dossier still owes: a resolved one still owes its cause and its apology record. */
export function missingAnswers(facts: DossierFacts): {
  cause: boolean;
  apology: boolean;
  resolution: boolean;
} {
  return {
    cause: !facts.hasCause,
    apology: !facts.apology,
    resolution: !facts.resolution && !facts.finishedOnPortal,
  };
}

export type DossierStep =
  | { kind: "giveCause"; category: CauseCategory; detail: string | null }
  | { kind: "recordApology"; issuedOn: IsoDate; newAppointmentOn: IsoDate }
  | { kind: "changeAppointment"; newAppointmentOn: IsoDate }
  | { kind: "markResolved"; resolvedOn: IsoDate }
  | { kind: "undoResolution" }
  | { kind: "reopen" }
  | { kind: "startPause"; startedOn: IsoDate; awaiting: string }
  | { kind: "endPause"; endedOn: IsoDate };

/** Why a step is refused: each has a translated message (`dossier.refused.<reason>`). */
export type StepRefusal =
  | "detailRequired"
  | "apologyAlreadyRecorded"
  | "noApologyYet"
  | "issuedInFuture"
  | "issuedBeforeReceived"
  | "appointmentNotAfterDue"
  | "adminOnly"
  | "alreadyResolved"
  | "notResolved"
  | "resolvedInFuture"
  | "resolvedBeforeReceived"
  | "undoTooLate"
  | "notYours"
  | "alreadyPaused"
  | "notPaused"
  | "pauseEndsBeforeStart"
  | "pauseInFuture";

export interface StepActor {
  personId: number;
  roles: readonly Role[];
}

export type StepDecision = { ok: true } | { ok: false; reason: StepRefusal };

const ok: StepDecision = { ok: true };
const refuse = (reason: StepRefusal): StepDecision => ({ ok: false, reason });

/**
 * Whether `step` may be taken now. The policy (`can`) has already said the actor may answer
 * for the dossier's unit; this says whether the step fits the dossier's state and its dates.
 */
export function decideStep(
  facts: DossierFacts,
  step: DossierStep,
  actor: StepActor,
  today: IsoDate,
  now: Date,
): StepDecision {
  const isAdmin = actor.roles.includes("CENTER_ADMIN");
  const resolved = facts.resolution !== null || facts.finishedOnPortal;
  switch (step.kind) {
    case "giveCause":
      return step.category === "OTHER" && !step.detail?.trim() ? refuse("detailRequired") : ok;
    case "recordApology":
      if (facts.apology) return refuse("apologyAlreadyRecorded");
      return apologyDates(facts, step.issuedOn, step.newAppointmentOn, today);
    case "changeAppointment":
      if (!isAdmin) return refuse("adminOnly");
      if (!facts.apology) return refuse("noApologyYet");
      return compareIsoDates(step.newAppointmentOn, facts.dueOn) > 0 ? ok : refuse("appointmentNotAfterDue");
    case "markResolved":
      if (resolved) return refuse("alreadyResolved");
      if (compareIsoDates(step.resolvedOn, today) > 0) return refuse("resolvedInFuture");
      return compareIsoDates(step.resolvedOn, facts.receivedOn) < 0 ? refuse("resolvedBeforeReceived") : ok;
    case "undoResolution":
      if (!facts.resolution) return refuse("notResolved");
      if (facts.resolution.recordedById !== actor.personId) return refuse("notYours");
      return now.getTime() - facts.resolution.recordedAt.getTime() <= UNDO_RESOLUTION_MS
        ? ok
        : refuse("undoTooLate");
    case "reopen":
      if (!isAdmin) return refuse("adminOnly");
      return facts.resolution ? ok : refuse("notResolved");
    case "startPause":
      if (resolved) return refuse("alreadyResolved");
      if (facts.pausedSince) return refuse("alreadyPaused");
      return compareIsoDates(step.startedOn, today) > 0 ? refuse("pauseInFuture") : ok;
    case "endPause":
      if (!facts.pausedSince) return refuse("notPaused");
      if (compareIsoDates(step.endedOn, facts.pausedSince) < 0) return refuse("pauseEndsBeforeStart");
      return compareIsoDates(step.endedOn, today) > 0 ? refuse("pauseInFuture") : ok;
  }
}

/** The letter: not in the future, not before the dossier was received; the new date after the due date. */
function apologyDates(
  facts: DossierFacts,
  issuedOn: IsoDate,
  newAppointmentOn: IsoDate,
  today: IsoDate,
): StepDecision {
  if (compareIsoDates(issuedOn, today) > 0) return refuse("issuedInFuture");
  if (compareIsoDates(issuedOn, facts.receivedOn) < 0) return refuse("issuedBeforeReceived");
  return compareIsoDates(newAppointmentOn, facts.dueOn) > 0 ? ok : refuse("appointmentNotAfterDue");
}
