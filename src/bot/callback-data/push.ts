// The buttons under a push preview: they name the snapshots previewed, so that a newer import
// between the preview and the press is shown before anything is sent.
import { z } from "zod";
import { defineCallbackData } from "./codec.js";

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const snapshot = z.coerce.number().int().nonnegative();

export const pushConfirmData = defineCallbackData("pshc", { period, s: snapshot, o: snapshot });
export const pushCancelData = defineCallbackData("pshx", { period });

/** Push settings: turn "after import" on/off, or pick the day of the month (0: none). */
export const pushSettingsData = defineCallbackData("psht", {
  afterImport: z.enum(["on", "off", "keep"]),
  day: z.coerce.number().int().min(-1).max(28),
});
