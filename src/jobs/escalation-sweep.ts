// The daily escalation sweep (imports run it too): early each morning, so that notices and
// acknowledgement reminders reach people at the start of the working day.
import { type SweepDeps, sweepEscalations } from "../app/escalations/sweep-escalations.js";
import type { Logger } from "../logger.js";
import type { Job } from "./job.js";

export const ESCALATION_SWEEP_JOB = "escalation-sweep";

export function escalationSweepJob(deps: { sweep: SweepDeps; logger: Pick<Logger, "info"> }): Job {
  return {
    name: ESCALATION_SWEEP_JOB,
    schedule: "30 7 * * *",
    run: async () => {
      const summary = await sweepEscalations(deps.sweep, { actorLabel: "scheduler" });
      deps.logger.info({ job: ESCALATION_SWEEP_JOB, ...summary }, "escalation sweep");
    },
  };
}
