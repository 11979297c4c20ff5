// The score card's Chart button: the unit and the period the card showed.
import { z } from "zod";
import { defineCallbackData } from "./codec.js";

export const scoreChartData = defineCallbackData("scg", {
  unit: z.coerce.number().int().positive(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});
