// Buttons under escalation notices and lists. They name the escalation or the unit; who may
// press them is decided anew from the database.
import { z } from "zod";
import { defineCallbackData } from "./codec.js";

const id = z.coerce.number().int().positive();

export const escalationAcknowledgeData = defineCallbackData("esca", { id });
export const escalationCloseData = defineCallbackData("escc", { id });
export const escalationRaiseData = defineCallbackData("esce", { unit: id });
export const escalationTimelineData = defineCallbackData("esct", { unit: id });
export const inspectionScheduleData = defineCallbackData("insp", { unit: id });
