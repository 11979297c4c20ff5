// Buttons of the score card and the overdue messages. They name a unit or a dossier and the
// period they were made for (a pushed month keeps showing that month); whether the presser may
// see it is decided anew from the database on every press.
import { z } from "zod";
import { overdueFilterSchema } from "../../domain/overdue.js";
import type { PeriodMonth } from "../../domain/period.js";
import { defineCallbackData } from "./codec.js";

const id = z.coerce.number().int().positive();
/** A period as `periodKey` writes it: `2025-03`. */
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const page = z.coerce.number().int().nonnegative().max(99_999);

/** A unit's score card (from a unit picked in a list). */
export const scoreCardData = defineCallbackData("scs", { unit: id, period });
/** A unit's overdue summary. */
export const overdueSummaryData = defineCallbackData("ovs", { unit: id, period });
/** One page of a unit's overdue list under a filter. */
export const overdueListData = defineCallbackData("ovl", {
  unit: id,
  period,
  filter: overdueFilterSchema,
  page,
});
/** One dossier's card, remembering the list page to go back to (its unit is the dossier's). */
export const overdueCardData = defineCallbackData("ovd", { id, period, filter: overdueFilterSchema, page });
/** The unit's whole overdue list as an .xlsx file. */
export const overdueXlsxData = defineCallbackData("ovx", { unit: id, period });

/** `2025-03` (validated by the schemas above) as a period. */
export function periodOfKey(key: string): PeriodMonth {
  const [year, month] = key.split("-").map(Number);
  return { year: year ?? 0, month: month ?? 0 };
}
