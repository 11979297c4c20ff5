// The uploader confirms a previewed file; import-confirmed-upload.ts then imports it.
import type { PendingImportRecord } from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";
import {
  type DecidePendingImportInput,
  decidePendingImport,
  type PendingImportRefusal,
} from "./decide-pending-import.js";

export type ConfirmPendingImportOutcome =
  | { kind: "confirmed"; pending: PendingImportRecord }
  | PendingImportRefusal;

export async function confirmPendingImport(
  app: AppContext,
  input: DecidePendingImportInput,
): Promise<ConfirmPendingImportOutcome> {
  const outcome = await decidePendingImport(app, input, "CONFIRMED");
  return outcome.kind === "decided" ? { kind: "confirmed", pending: outcome.pending } : outcome;
}
