import { z } from "zod";
import { defineCallbackData } from "./codec.js";

const id = z.coerce.number().int().positive();

/** /bind in a group by a head of several units: which unit the group is for. */
export const bindUnitData = defineCallbackData("bnd", { unit: id });
export const unitCardData = defineCallbackData("unit", { id });
export const unitPageData = defineCallbackData("unitp", {
  page: z.coerce.number().int().nonnegative().max(9999),
});
export const unitActiveData = defineCallbackData("unita", { id, active: z.enum(["0", "1"]) });
export const unitSettingsData = defineCallbackData("uset", { id });
export const unitPushTargetData = defineCallbackData("upush", {
  id,
  target: z.enum(["GROUP", "PRIVATE", "BOTH"]),
});
export const unitInternalData = defineCallbackData("uint", { id, internal: z.enum(["0", "1"]) });
