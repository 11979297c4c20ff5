// The Center's settings for the monthly push: send it as soon as an import is confirmed, and/or
// on a day of each month (08:00 local time). Both off by default: the Center decides when.
import { z } from "zod";

export const pushSettingsSchema = z.object({
  afterImport: z.boolean(),
  /** 1-28 (every month has it); null: no scheduled push. */
  dayOfMonth: z.number().int().min(1).max(28).nullable(),
});

export type PushSettings = z.infer<typeof pushSettingsSchema>;

export const DEFAULT_PUSH_SETTINGS: PushSettings = { afterImport: false, dayOfMonth: null };

export const PUSH_SETTINGS_KEY = "push";

/** The days a Center admin picks from in the bot. */
export const PUSH_DAY_CHOICES = [1, 5, 10, 15, 20, 25] as const;
