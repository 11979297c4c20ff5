import pino from "pino";
import { expect, it } from "vitest";
import { changePushSettings } from "../../src/app/settings/push-settings.js";
import { monthlyPushJob } from "../../src/jobs/monthly-push.js";
import { pushDeps, pushWorld } from "../support/push-world.js";
import { describeDatabase } from "../support/test-database.js";

describeDatabase("the scheduled monthly push", (database) => {
  it("pushes the latest month on the Center's day only, once", async () => {
    const db = database().prisma;
    const world = await pushWorld(db);
    const deps = pushDeps(db);
    const job = monthlyPushJob({
      push: deps,
      timeZone: "Asia/Ho_Chi_Minh",
      logger: pino({ level: "silent" }),
    });
    const queued = () =>
      db.outboxMessage.count({ where: { batch: { startsWith: `push:${world.year}-03` } } });

    await job.run(new Date("2031-05-10T01:00:00Z"));
    expect(await queued()).toBe(0);

    await changePushSettings(deps.app, { actor: world.actor, change: { dayOfMonth: 10 } });
    // 23:30 UTC on the 9th is already 06:30 on the 10th in Hanoi.
    await job.run(new Date("2031-05-09T23:30:00Z"));
    expect(await queued()).toBe(3);
    await job.run(new Date("2031-05-10T01:00:00Z"));
    expect(await queued()).toBe(3);
    await db.setting.deleteMany({ where: { key: "push" } });
  });

  it("is off by default and runs every day at 08:00 to check", () => {
    const job = monthlyPushJob({
      push: pushDeps(database().prisma),
      timeZone: "Asia/Ho_Chi_Minh",
      logger: pino({ level: "silent" }),
    });
    expect(job.schedule).toBe("0 8 * * *");
  });
});
