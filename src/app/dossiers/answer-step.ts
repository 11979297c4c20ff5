// The one shape of every answer to a dossier (cause, apology, resolution, pause, and their
// corrections): read the dossier and its unit under a row lock, ask the policy, let the state
// machine judge the step, write the new state and its audit event in one transaction. Two
// presses of one button run one after the other: the second sees the first's state and is
// refused with the reason (or as unchanged), so nothing is ever recorded twice.
import type { DbClient } from "../../db/prisma.js";
import { inTransaction } from "../../db/transaction.js";
import { type DossierAnswerRecord, factsOf } from "../../domain/dossier-answers.js";
import { type DossierStep, decideStep, type StepRefusal } from "../../domain/dossier-life.js";
import { type Actor, can } from "../../domain/policy.js";
import { type IsoDate, localDateOf } from "../../domain/working-days.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { appendAudit } from "../../repositories/audit.js";
import { DossierAnswersRepository } from "../../repositories/dossier-answers.js";
import type { AppContext } from "../context.js";

/**
 * Why an answer was not recorded, each with a translated message (`dossierActions.refused.<reason>`):
 * the state machine's reasons, "unchanged" (the same answer again: a double tap, an old
 * button), and the input's own checks.
 */
export type AnswerRefusal =
  | StepRefusal
  | "unchanged"
  | "detailTooLong"
  | "noteTooLong"
  | "referenceTooLong"
  | "awaitingRequired"
  | "awaitingTooLong";

export type AnswerOutcome<Done extends object = object> =
  | ({ kind: "done"; dossierId: number; unitId: number } & Done)
  | { kind: "refused"; reason: AnswerRefusal }
  | { kind: "forbidden" }
  | { kind: "gone" };

/** Who answers for which dossier; dates are judged on the calendar of `timeZone`. */
export interface AnswerRequest {
  actor: Actor;
  dossierId: number;
  timeZone: string;
}

export interface StepMoment {
  now: Date;
  today: IsoDate;
  /** Who answers: recorded on the rows written. */
  personId: number;
}

export interface AnswerAudit {
  action: string;
  before: Prisma.InputJsonValue | null;
  after: Prisma.InputJsonValue | null;
}

export interface StepSpec<Done extends object> {
  /** "answer": the unit's own people; "override": a Center admin (a unit's people are told it is the admin's). */
  access: "answer" | "override";
  step(record: DossierAnswerRecord, moment: StepMoment): DossierStep;
  /** The same answer as the current one: recorded once only. */
  unchanged?(record: DossierAnswerRecord): boolean;
  write(
    answers: DossierAnswersRepository,
    record: DossierAnswerRecord,
    moment: StepMoment,
  ): Promise<{ audit: AnswerAudit; done: Done }>;
}

export function takeStep<Done extends object>(
  app: AppContext,
  request: AnswerRequest,
  spec: StepSpec<Done>,
): Promise<AnswerOutcome<Done>> {
  return inTransaction(app.db, (tx) => takeStepIn(tx, app.now(), request, spec));
}

/** `takeStep` inside a transaction the caller holds (bulk answers run many in one). */
export async function takeStepIn<Done extends object>(
  tx: DbClient,
  now: Date,
  request: AnswerRequest,
  spec: StepSpec<Done>,
): Promise<AnswerOutcome<Done>> {
  const answers = new DossierAnswersRepository(tx);
  const record = await answers.lockRecord(request.dossierId);
  if (!record) return { kind: "gone" };
  const denied = accessDenied(request.actor, spec.access, record.unitId);
  if (denied) return denied;
  const moment = { now, today: localDateOf(now, request.timeZone), personId: request.actor.personId };
  const decision = decideStep(
    factsOf(record, request.timeZone),
    spec.step(record, moment),
    { personId: request.actor.personId, roles: request.actor.memberships.map((m) => m.role) },
    moment.today,
    now,
  );
  if (!decision.ok) return { kind: "refused", reason: decision.reason };
  if (spec.unchanged?.(record)) return { kind: "refused", reason: "unchanged" };
  const { audit, done } = await spec.write(answers, record, moment);
  await appendAudit(tx, {
    actorId: request.actor.personId,
    action: audit.action,
    entityType: "Dossier",
    entityId: record.id,
    unitId: record.unitId,
    dossierId: record.id,
    before: audit.before,
    after: audit.after,
  });
  return { kind: "done", dossierId: record.id, unitId: record.unitId, ...done };
}

function accessDenied(
  actor: Actor,
  access: StepSpec<object>["access"],
  unitId: number,
): AnswerOutcome | null {
  if (access === "override" && can(actor, "dossier.override", { unitId })) return null;
  if (can(actor, "dossier.answer", { unitId }))
    return access === "answer" ? null : { kind: "refused", reason: "adminOnly" };
  return { kind: "forbidden" };
}
