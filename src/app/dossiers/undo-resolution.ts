// The person who marked a dossier resolved may take it back within ten minutes (a wrong tap);
// later, only a Center admin reopens it. The resolution stays as history, revoked.
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, type StepSpec, takeStep } from "./answer-step.js";

export type UndoResolutionOutcome = AnswerOutcome;

export function undoResolution(app: AppContext, input: AnswerRequest): Promise<UndoResolutionOutcome> {
  return takeStep(app, input, revokeStep("undo"));
}

/** Undo (the author, in time) and reopen (a Center admin) revoke the live resolution alike. */
export function revokeStep(kind: "undo" | "reopen"): StepSpec<object> {
  return {
    access: kind === "undo" ? "answer" : "override",
    step: () => ({ kind: kind === "undo" ? "undoResolution" : "reopen" }),
    write: async (answers, record, { now, personId }) => {
      // decideStep refused a dossier without a live resolution ("notResolved").
      const resolution = record.resolution as NonNullable<typeof record.resolution>;
      await answers.revokeResolution(record.id, resolution.id, personId, now);
      return {
        audit: {
          action: kind === "undo" ? "dossier.resolutionUndone" : "dossier.reopened",
          before: { resolutionId: resolution.id, state: record.state },
          after: null,
        },
        done: {},
      };
    },
  };
}
