// The uploader cancels a previewed file, once: nothing from it is imported, and it can no
// longer be confirmed. Outcomes: cancelled, or a PendingImportRefusal.
import type { AppContext } from "../context.js";
import { type DecidePendingImportInput, decidePendingImport } from "./decide-pending-import.js";

export async function cancelPendingImport(app: AppContext, input: DecidePendingImportInput) {
  return decidePendingImport(app, input, "CANCELLED");
}
