// The uploader confirms a previewed file, once (a second press is refused as already decided);
// import-confirmed-upload.ts then imports it. Outcomes: confirmed, or a PendingImportRefusal.
import type { AppContext } from "../context.js";
import { type DecidePendingImportInput, decidePendingImport } from "./decide-pending-import.js";

export async function confirmPendingImport(app: AppContext, input: DecidePendingImportInput) {
  return decidePendingImport(app, input, "CONFIRMED");
}
