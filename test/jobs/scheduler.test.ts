// Two instances run the same per-second schedule on one database: every slot runs exactly
// once between them, and stop() waits for the run under way.
import pino from "pino";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createPrismaClient, type Db } from "../../src/db/prisma.js";
import type { Job } from "../../src/jobs/job.js";
import { databaseRunCoordinator, startScheduler } from "../../src/jobs/scheduler.js";
import { describeDatabase } from "../support/test-database.js";

const silent = pino({ level: "silent" });

/** A second client on the same database (on PGlite the same single connection). */
async function secondInstance(database: { prisma: Db; target: Parameters<typeof openDatabase>[0] }) {
  if (database.target.kind === "pglite") return { prisma: database.prisma, close: async () => {} };
  const opened = await openDatabase(database.target);
  const prisma = createPrismaClient(opened.adapterFactory);
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await opened.close();
    },
  };
}

describeDatabase("scheduler", (database) => {
  it("runs each slot of a schedule once across two instances", async () => {
    const other = await secondInstance(database());
    const slots: string[] = [];
    const job = (instance: string): Job => ({
      name: "test-every-second",
      schedule: "* * * * * *",
      run: async (now) => {
        slots.push(`${now.toISOString()} ${instance}`);
      },
    });
    const first = startScheduler({
      db: database().prisma,
      jobs: [job("a")],
      timeZone: "Asia/Ho_Chi_Minh",
      logger: silent,
    });
    const second = startScheduler({
      db: other.prisma,
      jobs: [job("b")],
      timeZone: "Asia/Ho_Chi_Minh",
      logger: silent,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await Promise.all([first.stop(), second.stop()]);
    await other.close();
    const slotTimes = slots.map((entry) => entry.split(" ")[0]);
    expect(slotTimes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slotTimes).size).toBe(slotTimes.length);
  });

  it("a slot taken by a live instance is refused; an expired one is taken over", async () => {
    const now = new Date("2026-12-07T01:00:00Z");
    let clock = now;
    const coordinator = databaseRunCoordinator(database().prisma, () => clock);
    expect(await coordinator.shouldRun("digest:2026-12-07T01:00:00.000Z", 60_000)).toBe(true);
    expect(await coordinator.shouldRun("digest:2026-12-07T01:00:00.000Z", 60_000)).toBe(false);
    clock = new Date(now.getTime() + 61_000);
    expect(await coordinator.shouldRun("digest:2026-12-07T01:00:00.000Z", 60_000)).toBe(true);
  });

  it("a job left off (no schedule) never runs, and a failing run does not stop the next", async () => {
    let offRuns = 0;
    let failingRuns = 0;
    const scheduler = startScheduler({
      db: database().prisma,
      jobs: [
        { name: "test-off", schedule: null, run: async () => void offRuns++ },
        {
          name: "test-failing",
          schedule: "* * * * * *",
          run: async () => {
            failingRuns++;
            throw new Error("boom");
          },
        },
      ],
      timeZone: "Asia/Ho_Chi_Minh",
      logger: silent,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    await scheduler.stop();
    expect(offRuns).toBe(0);
    expect(failingRuns).toBeGreaterThanOrEqual(2);
  });
});
