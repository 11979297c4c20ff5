// The scheduled push: every day at 08:00 local time it checks the Center's setting and, on
// the chosen day of the month, pushes the latest imported month. Pushing the same snapshots
// again queues nothing (the outbox's dedupe keys), so a rerun is harmless.
import { type PushDeps, startPush } from "../app/push/push-month.js";
import { readPushSettings } from "../app/settings/push-settings.js";
import { localDateOf } from "../domain/working-days.js";
import type { Logger } from "../logger.js";
import type { Job } from "./job.js";

export const MONTHLY_PUSH_JOB = "monthly-push";

export function monthlyPushJob(deps: {
  push: PushDeps;
  timeZone: string;
  logger: Pick<Logger, "info">;
}): Job {
  return {
    name: MONTHLY_PUSH_JOB,
    schedule: "0 8 * * *",
    run: async (now) => {
      const settings = await readPushSettings(deps.push.app);
      const day = Number(localDateOf(now, deps.timeZone).slice(8, 10));
      if (settings.dayOfMonth === null || settings.dayOfMonth !== day) return;
      const outcome = await startPush(deps.push, { by: { actorLabel: "scheduler" } });
      deps.logger.info(
        outcome.kind === "started"
          ? { job: MONTHLY_PUSH_JOB, batch: outcome.preview.batch, queued: outcome.queued }
          : { job: MONTHLY_PUSH_JOB, outcome: outcome.kind },
        "scheduled push",
      );
    },
  };
}
