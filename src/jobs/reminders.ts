// The L1 reminders, every hour of office time: the use-case checks the working-day table and
// the office hours itself (a swapped Saturday is worked, a holiday is not), decides per unit
// and queues what is due. A second run in the same hour or day queues nothing: a reminded unit
// is not due again for N working days, and the outbox's dedupe keys hold anyway.
import { type ReminderDeps, sendDueReminders } from "../app/reminders/send-due-reminders.js";
import type { Logger } from "../logger.js";
import type { Job } from "./job.js";

export const REMINDERS_JOB = "reminders";

export function remindersJob(deps: { reminders: ReminderDeps; logger: Pick<Logger, "info"> }): Job {
  return {
    name: REMINDERS_JOB,
    // Every day: which days are worked is the calendar table's to say, not cron's.
    schedule: "0 8-16 * * *",
    run: async (now) => {
      const outcome = await sendDueReminders({
        ...deps.reminders,
        app: { ...deps.reminders.app, now: () => now },
      });
      if (outcome.kind !== "done") return;
      deps.logger.info(
        {
          job: REMINDERS_JOB,
          batch: outcome.batch,
          units: outcome.reminded.length,
          queued: outcome.queued,
          skipped: outcome.skipped,
        },
        "reminders",
      );
    },
  };
}
