// The button under a unit's reminder: "remind me next working day". It names the unit and the
// month the reminder was about; whether the presser may postpone it is decided anew.
import { z } from "zod";
import { defineCallbackData } from "./codec.js";

export const snoozeReminderData = defineCallbackData("rmz", {
  unit: z.coerce.number().int().positive(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});
