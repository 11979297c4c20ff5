// The record that the one-stop software issued an apology letter (DOMAIN.md 2): number, date,
// signer, form, the new return date (set once), optionally a photo or scan of the letter.
import { type ApologyInput, dateOnlyOf } from "../../domain/dossier-answers.js";
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, takeStep } from "./answer-step.js";

export type RecordApologyOutcome = AnswerOutcome;

export function recordApology(
  app: AppContext,
  input: AnswerRequest & { apology: ApologyInput },
): Promise<RecordApologyOutcome> {
  const { apology } = input;
  return takeStep(app, input, {
    access: "answer",
    step: () => ({
      kind: "recordApology",
      issuedOn: apology.issuedOn,
      newAppointmentOn: apology.newAppointmentOn,
    }),
    write: async (answers, record, { now, personId }) => {
      const dates = {
        issuedOn: dateOnlyOf(apology.issuedOn),
        newAppointmentOn: dateOnlyOf(apology.newAppointmentOn),
      };
      const created = await answers.recordApology(record.id, apology, dates, personId, now);
      const { scan, ...letter } = apology;
      return {
        audit: {
          action: "dossier.apologyRecorded",
          before: null,
          after: {
            apologyId: created.id,
            ...letter,
            scan: scan && { kind: scan.kind, sizeBytes: scan.sizeBytes, sha256: scan.sha256 },
          },
        },
        done: {},
      };
    },
  });
}
