import pino from "pino";
import { expect, it } from "vitest";
import { remindersJob } from "../../src/jobs/reminders.js";
import { hanoi, reminderDeps, reminderWorld } from "../support/reminder-world.js";
import { describeDatabase } from "../support/test-database.js";

describeDatabase("the hourly reminders job", (database) => {
  it("runs every hour of office time and judges by the slot it runs for; a holiday's slots send nothing", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2024, month: 3, pushedAt: hanoi("2024-04-25", 9) });
    // The deps' own clock stays at 1970: the job must use the slot's time.
    const job = remindersJob({ reminders: reminderDeps(db).deps, logger: pino({ level: "silent" }) });
    expect(job.schedule).toBe("0 8-16 * * *");
    // 2024: Monday 29/4 to Wednesday 1/5 off, Saturday 4/5 worked instead. Pushed Thursday
    // 25/4: Friday 26/4 is the first working day after, Thursday 2/5 the second.
    await job.run(hanoi("2024-04-29", 10));
    await job.run(hanoi("2024-05-01", 10));
    expect(await world.reminders()).toHaveLength(0);
    await job.run(hanoi("2024-05-02", 10));
    expect(await world.reminders()).toHaveLength(2);
    await job.run(hanoi("2024-05-03", 10));
    expect(await world.reminders()).toHaveLength(2);
    await job.run(hanoi("2024-05-04", 8));
    expect(await world.reminders()).toHaveLength(4);
  });
});
