// A dossier's cause (DOMAIN.md 1): a category and a free-text detail (required for "other").
// Editable: a new cause supersedes the current one, which stays as history.
import { causeDetailSchema } from "../../domain/dossier-answers.js";
import type { CauseCategory } from "../../domain/dossier-life.js";
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, type StepSpec, takeStep } from "./answer-step.js";

export interface CauseInput {
  category: CauseCategory;
  detail: string | null;
}

export type GiveCauseOutcome = AnswerOutcome;

/** The cause trimmed and checked; null when the detail is too long. */
export function readCause(input: CauseInput): CauseInput | null {
  const detail = causeDetailSchema.safeParse(input.detail ?? "");
  return detail.success ? { category: input.category, detail: detail.data } : null;
}

/** The step of giving `cause` (already read by `readCause`): shared with the bulk answer. */
export function causeStep(cause: CauseInput): StepSpec<object> {
  return {
    access: "answer",
    step: () => ({ kind: "giveCause", ...cause }),
    unchanged: (record) =>
      record.cause?.category === cause.category && (record.cause.detail ?? null) === cause.detail,
    write: async (answers, record, { now, personId }) => {
      await answers.giveCause(record.id, cause, personId, now);
      return {
        audit: {
          action: "dossier.causeGiven",
          before: record.cause && { category: record.cause.category, detail: record.cause.detail },
          after: { ...cause },
        },
        done: {},
      };
    },
  };
}

export function giveCause(app: AppContext, input: AnswerRequest & CauseInput): Promise<GiveCauseOutcome> {
  const cause = readCause(input);
  if (!cause) return Promise.resolve({ kind: "refused", reason: "detailTooLong" });
  return takeStep(app, input, causeStep(cause));
}
