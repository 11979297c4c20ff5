// The uploader cancels a previewed file: nothing from it is imported.
import type { PendingImportRecord } from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";
import {
  type DecidePendingImportInput,
  decidePendingImport,
  type PendingImportRefusal,
} from "./decide-pending-import.js";

export type CancelPendingImportOutcome =
  | { kind: "cancelled"; pending: PendingImportRecord }
  | PendingImportRefusal;

export async function cancelPendingImport(
  app: AppContext,
  input: DecidePendingImportInput,
): Promise<CancelPendingImportOutcome> {
  const outcome = await decidePendingImport(app, input, "CANCELLED");
  return outcome.kind === "decided" ? { kind: "cancelled", pending: outcome.pending } : outcome;
}
