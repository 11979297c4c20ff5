import { z } from "zod";
import { defineCallbackData } from "./codec.js";

/** Confirm or cancel a previewed import; the id is a PendingImport, re-checked against the presser. */
export const importDecisionData = defineCallbackData("imp", {
  decision: z.enum(["ok", "no"]),
  id: z.coerce.number().int().positive(),
});
