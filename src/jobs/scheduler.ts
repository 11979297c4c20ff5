// node-cron around the jobs, with one run per slot across every instance of the bot: before a
// run, node-cron asks the coordinator, which takes the slot's row in SchedulerRun.
import cron, { type RunCoordinator, type ScheduledTask } from "node-cron";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import { SchedulerRunsRepository } from "../repositories/scheduler-runs.js";
import type { Job } from "./job.js";

/** What the scheduler's runs did, for metrics; called once per run this instance made. */
export interface JobObserver {
  ran(job: string, seconds: number, outcome: "ok" | "failed"): void;
}

export interface SchedulerDeps {
  db: Db;
  jobs: readonly Job[];
  timeZone: string;
  logger: Logger;
  /** How long a run holds its slot: longer than any job takes. */
  leaseMs?: number;
  observer?: JobObserver;
}

export interface Scheduler {
  /** Stops firing; waits for the runs under way. */
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 30 * 60 * 1000;

export function databaseRunCoordinator(db: Db, now: () => Date = () => new Date()): RunCoordinator {
  const runs = new SchedulerRunsRepository(db);
  return { shouldRun: (key, ttlMs) => runs.claim(key, ttlMs, now()) };
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const coordinator = databaseRunCoordinator(deps.db);
  const running = new Set<Promise<void>>();
  const tasks: ScheduledTask[] = deps.jobs.flatMap((job) => {
    if (job.schedule === null) return [];
    const task = cron.schedule(
      job.schedule,
      (context) => track(running, runJob(job, context.date, deps.logger, deps.observer)),
      {
        name: job.name,
        timezone: deps.timeZone,
        distributed: true,
        runCoordinator: coordinator,
        distributedLease: deps.leaseMs ?? DEFAULT_LEASE_MS,
        noOverlap: true,
      },
    );
    deps.logger.info({ job: job.name, schedule: job.schedule, timeZone: deps.timeZone }, "job scheduled");
    return [task];
  });
  return {
    stop: async () => {
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.all(running);
    },
  };
}

function track(running: Set<Promise<void>>, run: Promise<void>): Promise<void> {
  running.add(run);
  return run.finally(() => running.delete(run));
}

/** A failing run is logged and does not stop the schedule. */
async function runJob(job: Job, slot: Date, logger: Logger, observer?: JobObserver): Promise<void> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    await job.run(slot);
    logger.info({ job: job.name, slot: slot.toISOString(), ms: Date.now() - started }, "job ran");
    observer?.ran(job.name, seconds(), "ok");
  } catch (error) {
    observer?.ran(job.name, seconds(), "failed");
    logger.error(
      {
        job: job.name,
        slot: slot.toISOString(),
        error: error instanceof Error ? error.stack : String(error),
      },
      "job failed",
    );
  }
}
