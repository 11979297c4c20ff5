// A dossier resolved (DOMAIN.md 3): the result issued or returned with reasons, on a date
// (today in the configured time zone unless given), with an optional note or reference.
import {
  dateOnlyOf,
  type ResolutionOutcome,
  resolutionNoteSchema,
  resolutionReferenceSchema,
} from "../../domain/dossier-answers.js";
import type { IsoDate } from "../../domain/working-days.js";
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, takeStep } from "./answer-step.js";

export interface ResolutionInput {
  outcome?: ResolutionOutcome;
  /** Today when absent. */
  resolvedOn?: IsoDate;
  note?: string | null;
  reference?: string | null;
}

export type MarkResolvedOutcome = AnswerOutcome<{ resolutionId: number; resolvedOn: IsoDate }>;

export function markResolved(
  app: AppContext,
  input: AnswerRequest & ResolutionInput,
): Promise<MarkResolvedOutcome> {
  const note = resolutionNoteSchema.safeParse(input.note ?? "");
  if (!note.success) return Promise.resolve({ kind: "refused", reason: "noteTooLong" });
  const reference = resolutionReferenceSchema.safeParse(input.reference ?? "");
  if (!reference.success) return Promise.resolve({ kind: "refused", reason: "referenceTooLong" });
  const outcome = input.outcome ?? "RESULT_ISSUED";
  return takeStep(app, input, {
    access: "answer",
    step: (_record, { today }) => ({ kind: "markResolved", resolvedOn: input.resolvedOn ?? today }),
    write: async (answers, record, { now, today, personId }) => {
      const resolvedOn = input.resolvedOn ?? today;
      const resolution = { outcome, note: note.data, reference: reference.data };
      const created = await answers.markResolved(
        record.id,
        { ...resolution, resolvedOn: dateOnlyOf(resolvedOn) },
        personId,
        now,
      );
      return {
        audit: {
          action: "dossier.resolved",
          before: { state: record.state },
          after: { resolutionId: created.id, resolvedOn, ...resolution },
        },
        done: { resolutionId: created.id, resolvedOn },
      };
    },
  });
}
