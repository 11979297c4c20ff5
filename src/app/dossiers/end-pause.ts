// The applicant answered: the open pause ends today and the SLA clock runs again.
import { dateOnlyOf, isoOfDateOnly } from "../../domain/dossier-answers.js";
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, takeStep } from "./answer-step.js";

export type EndPauseOutcome = AnswerOutcome;

export function endPause(app: AppContext, input: AnswerRequest): Promise<EndPauseOutcome> {
  return takeStep(app, input, {
    access: "answer",
    step: (_record, { today }) => ({ kind: "endPause", endedOn: today }),
    write: async (answers, record, { today, personId }) => {
      // decideStep refused a dossier without an open pause ("notPaused").
      const pause = record.pause as NonNullable<typeof record.pause>;
      await answers.endPause(pause.id, dateOnlyOf(today), personId);
      return {
        audit: {
          action: "dossier.pauseEnded",
          before: { pauseId: pause.id, startedOn: isoOfDateOnly(pause.startedOn), awaiting: pause.awaiting },
          after: { endedOn: today },
        },
        done: {},
      };
    },
  });
}
