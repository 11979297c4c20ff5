// The weekly digest: every hour on Mondays the job checks the Center's setting (the hour, in
// the configured time zone; 08:00 by default) and at that hour queues the week's digest. The
// dedupe keys name the ISO week, so a rerun (or a second instance) queues nothing new.
import type { DigestDeps } from "../app/digest/digest-report.js";
import { readDigestSettings } from "../app/digest/digest-report.js";
import { queueWeeklyDigest } from "../app/digest/queue-weekly-digest.js";
import { isDigestSlot } from "../domain/digest.js";
import type { Logger } from "../logger.js";
import type { Job } from "./job.js";

export const WEEKLY_DIGEST_JOB = "weekly-digest";

export function weeklyDigestJob(deps: { digest: DigestDeps; logger: Pick<Logger, "info"> }): Job {
  return {
    name: WEEKLY_DIGEST_JOB,
    schedule: "0 * * * 1",
    run: async (now) => {
      const settings = await readDigestSettings(deps.digest.app.db);
      if (!isDigestSlot(now, deps.digest.timeZone, settings)) return;
      const outcome = await queueWeeklyDigest(deps.digest, { at: now, actorLabel: "scheduler" });
      deps.logger.info({ job: WEEKLY_DIGEST_JOB, ...outcome }, "weekly digest queued");
    },
  };
}
