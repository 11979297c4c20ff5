// The uploader's decision on a pending upload, taken once: what confirm-pending-import.ts and
// cancel-pending-import.ts do.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import {
  type PendingImportDecision,
  type PendingImportRecord,
  PendingImportsRepository,
} from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";

export interface DecidePendingImportInput {
  actor: Actor;
  pendingImportId: number;
}

/** Why a decision was not taken. */
export type PendingImportRefusal =
  | { kind: "forbidden" }
  /** No such request (a forged or stale button). */
  | { kind: "gone" }
  /** Another admin's file: only its uploader decides. */
  | { kind: "notYours" }
  /** Confirmed or cancelled before (a second press). */
  | { kind: "alreadyDecided" };

const DECIDED = { CONFIRMED: "confirmed", CANCELLED: "cancelled" } as const;

export type PendingImportDecided<D extends PendingImportDecision> = {
  kind: (typeof DECIDED)[D];
  pending: PendingImportRecord;
};

/**
 * Of two presses (or two admins) only one takes the decision: the status changes from PENDING
 * in one statement, and the change and its audit event commit together.
 */
export async function decidePendingImport<D extends PendingImportDecision>(
  app: AppContext,
  input: DecidePendingImportInput,
  decision: D,
): Promise<PendingImportDecided<D> | PendingImportRefusal> {
  const { actor, pendingImportId } = input;
  if (!can(actor, "data.import")) return { kind: "forbidden" };
  return inTransaction(app.db, async (tx): Promise<PendingImportDecided<D> | PendingImportRefusal> => {
    const pendingImports = new PendingImportsRepository(tx);
    const taken = await pendingImports.decide(pendingImportId, actor.personId, decision, app.now());
    const pending = await pendingImports.find(pendingImportId);
    if (!pending) return { kind: "gone" };
    if (!taken)
      return pending.uploaderId === actor.personId ? { kind: "alreadyDecided" } : { kind: "notYours" };
    await appendAudit(tx, {
      actorId: actor.personId,
      action: decision === "CONFIRMED" ? "import.confirmed" : "import.cancelled",
      entityType: "PendingImport",
      entityId: pendingImportId,
      before: { status: "PENDING" },
      after: { status: decision, fileName: pending.fileName },
    });
    return { kind: DECIDED[decision], pending };
  });
}
