// Buttons of the dossier card's actions. Each names the dossier and the list page the card
// was opened from (to edit the card in place with its way back); the dossier's unit, state
// and the presser's rights are read anew from the database on every press.
import { z } from "zod";
import { CAUSE_CATEGORIES } from "../../domain/dossier-life.js";
import { overdueFilterSchema } from "../../domain/overdue.js";
import { defineCallbackData } from "./codec.js";

const id = z.coerce.number().int().positive();
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const page = z.coerce.number().int().nonnegative().max(99_999);
const place = { period, filter: overdueFilterSchema, page };
/** A cause category by its index in CAUSE_CATEGORIES (the names would not fit in 64 bytes). */
const category = z.coerce
  .number()
  .int()
  .min(0)
  .max(CAUSE_CATEGORIES.length - 1);

export const DOSSIER_ACTS = [
  "cause",
  "apology",
  "resolve",
  "pause",
  "endPause",
  "undo",
  "reopen",
  "date",
] as const;
export type DossierAct = (typeof DOSSIER_ACTS)[number];

/** An action on one dossier from its card. */
export const dossierActionData = defineCallbackData("dxa", { act: z.enum(DOSSIER_ACTS), id, ...place });
/** The cause category picked for one dossier. */
export const causeCategoryData = defineCallbackData("dxc", { id, category, ...place });
/** "Resolved" confirmed, with its outcome: 0 result issued, 1 returned with reasons. */
export const resolveConfirmData = defineCallbackData("dxr", {
  id,
  outcome: z.coerce.number().int().min(0).max(1),
  ...place,
});
/** Leaves a form (any step). */
export const formCancelData = defineCallbackData("dxq", {});
/** Skips an optional step of a form. */
export const formSkipData = defineCallbackData("dxs", {});
/** An answer picked from a form's buttons (the apology's form: paper, email, ...). */
export const formChoiceData = defineCallbackData("dxf", { value: z.string().regex(/^[A-Z_]{1,20}$/) });
/** The summary confirmed. */
export const formConfirmData = defineCallbackData("dxo", {});

/** Many dossiers at once: the list page in selection mode (marks toggled there). */
export const selectPageData = defineCallbackData("dxl", { unit: id, ...place });
/** One dossier marked or unmarked on the selection page. */
export const selectToggleData = defineCallbackData("dxt", { id, unit: id, ...place });
/** One cause for the marked dossiers, or for all of the list missing one: pick its category. */
export const bulkCauseData = defineCallbackData("dxb", {
  unit: id,
  scope: z.enum(["marked", "missing"]),
  ...place,
});
export const bulkCategoryData = defineCallbackData("dxk", {
  unit: id,
  scope: z.enum(["marked", "missing"]),
  category,
  ...place,
});
