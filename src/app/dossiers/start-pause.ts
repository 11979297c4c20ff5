// Waiting for the applicant (supplementary documents, fees): the SLA clock pauses from today,
// with what is awaited, until the pause ends.
import { awaitingSchema, dateOnlyOf } from "../../domain/dossier-answers.js";
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, takeStep } from "./answer-step.js";

export type StartPauseOutcome = AnswerOutcome;

export function startPause(
  app: AppContext,
  input: AnswerRequest & { awaiting: string },
): Promise<StartPauseOutcome> {
  const awaiting = awaitingSchema.safeParse(input.awaiting);
  if (!awaiting.success)
    return Promise.resolve({
      kind: "refused",
      reason: input.awaiting.trim() ? "awaitingTooLong" : "awaitingRequired",
    });
  return takeStep(app, input, {
    access: "answer",
    step: (_record, { today }) => ({ kind: "startPause", startedOn: today, awaiting: awaiting.data }),
    write: async (answers, record, { now, today, personId }) => {
      const pause = await answers.startPause(
        record.id,
        { startedOn: dateOnlyOf(today), awaiting: awaiting.data },
        personId,
        now,
      );
      return {
        audit: {
          action: "dossier.pauseStarted",
          before: null,
          after: { pauseId: pause.id, startedOn: today, awaiting: awaiting.data },
        },
        done: {},
      };
    },
  });
}
