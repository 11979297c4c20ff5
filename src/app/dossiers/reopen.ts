// A Center admin reopens a dossier a unit marked resolved (the portal's own "finished" stays).
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, takeStep } from "./answer-step.js";
import { revokeStep } from "./undo-resolution.js";

export type ReopenOutcome = AnswerOutcome;

export function reopen(app: AppContext, input: AnswerRequest): Promise<ReopenOutcome> {
  return takeStep(app, input, revokeStep("reopen"));
}
