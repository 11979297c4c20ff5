// One cause for several dossiers at once (those marked on the list, or all of a unit's list
// still missing a cause), in one transaction: all of them or, when any is not the actor's
// to answer, none. A dossier that already has this very cause is left as it is.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { DossierAnswersRepository } from "../../repositories/dossier-answers.js";
import type { AppContext } from "../context.js";
import { type AnswerRefusal, takeStepIn } from "./answer-step.js";
import { type CauseInput, causeStep, readCause } from "./give-cause.js";

export type CauseTargets =
  | { kind: "dossiers"; dossierIds: readonly number[] }
  | { kind: "missingCause"; unitId: number; snapshotId: number };

export type GiveCauseToManyOutcome =
  | { kind: "done"; given: number; unchanged: number; gone: number }
  | { kind: "empty" }
  | { kind: "refused"; reason: AnswerRefusal }
  | { kind: "forbidden" };

/** Thrown inside the transaction to roll everything back: one dossier refused the cause. */
class Rollback extends Error {
  constructor(readonly outcome: GiveCauseToManyOutcome) {
    super(outcome.kind);
  }
}

export async function giveCauseToMany(
  app: AppContext,
  input: CauseInput & { actor: Actor; timeZone: string; targets: CauseTargets },
): Promise<GiveCauseToManyOutcome> {
  const cause = readCause(input);
  if (!cause) return { kind: "refused", reason: "detailTooLong" };
  const { targets } = input;
  if (targets.kind === "missingCause" && !can(input.actor, "dossier.answer", { unitId: targets.unitId }))
    return { kind: "forbidden" };
  try {
    return await inTransaction(app.db, async (tx) => {
      const dossierIds =
        targets.kind === "dossiers"
          ? [...new Set(targets.dossierIds)]
          : await new DossierAnswersRepository(tx).missingCause(targets.unitId, targets.snapshotId);
      if (dossierIds.length === 0) return { kind: "empty" } as const;
      const counts = { given: 0, unchanged: 0, gone: 0 };
      const now = app.now();
      for (const dossierId of dossierIds) {
        const outcome = await takeStepIn(tx, now, { ...input, dossierId }, causeStep(cause));
        if (outcome.kind === "forbidden") throw new Rollback(outcome);
        if (outcome.kind === "refused" && outcome.reason !== "unchanged") throw new Rollback(outcome);
        if (outcome.kind === "done") counts.given += 1;
        else if (outcome.kind === "gone") counts.gone += 1;
        else counts.unchanged += 1;
      }
      return { kind: "done", ...counts } as const;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
}
