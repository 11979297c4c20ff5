// The new return date of an apology letter is set once; a Center admin alone may change it
// later, and the change is logged with the date it replaced.
import { dateOnlyOf, isoOfDateOnly } from "../../domain/dossier-answers.js";
import type { IsoDate } from "../../domain/working-days.js";
import type { AppContext } from "../context.js";
import { type AnswerOutcome, type AnswerRequest, takeStep } from "./answer-step.js";

export type ChangeAppointmentOutcome = AnswerOutcome;

export function changeAppointment(
  app: AppContext,
  input: AnswerRequest & { newAppointmentOn: IsoDate },
): Promise<ChangeAppointmentOutcome> {
  return takeStep(app, input, {
    access: "override",
    step: () => ({ kind: "changeAppointment", newAppointmentOn: input.newAppointmentOn }),
    unchanged: (record) =>
      record.apology !== null && isoOfDateOnly(record.apology.newAppointmentOn) === input.newAppointmentOn,
    write: async (answers, record, { now, personId }) => {
      // decideStep refused a dossier without an apology record ("noApologyYet").
      const apology = record.apology as NonNullable<typeof record.apology>;
      await answers.changeAppointment(apology.id, dateOnlyOf(input.newAppointmentOn), personId, now);
      return {
        audit: {
          action: "dossier.appointmentChanged",
          before: { newAppointmentOn: isoOfDateOnly(apology.newAppointmentOn) },
          after: { newAppointmentOn: input.newAppointmentOn },
        },
        done: {},
      };
    },
  });
}
