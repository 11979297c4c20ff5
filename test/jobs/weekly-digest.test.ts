import pino from "pino";
import { expect, it } from "vitest";
import { DIGEST_SETTINGS_KEY } from "../../src/domain/digest.js";
import { weeklyDigestJob } from "../../src/jobs/weekly-digest.js";
import { digestDeps } from "../support/digest-deps.js";
import { DIGEST_AT, digestWorld } from "../support/digest-world.js";
import { describeDatabase } from "../support/test-database.js";

const HOUR = 3600_000;

describeDatabase("the weekly digest job", (database) => {
  it("queues the digest on Mondays at the Center's hour only, once a week", async () => {
    const db = database().prisma;
    await digestWorld(db);
    const admin = await db.person.create({ data: { telegramUserId: 6_400_001n } });
    await db.membership.create({ data: { personId: admin.id, role: "CENTER_ADMIN" } });
    const job = weeklyDigestJob({ digest: digestDeps(db, DIGEST_AT), logger: pino({ level: "silent" }) });
    expect(job.schedule).toBe("0 * * * 1");
    const queued = () => db.outboxMessage.count({ where: { batch: "digest:2031-W16" } });

    await job.run(new Date(DIGEST_AT.getTime() - HOUR)); // Monday 07:00 in Hà Nội
    await job.run(new Date(DIGEST_AT.getTime() - 24 * HOUR)); // Sunday 08:00
    expect(await queued()).toBe(0);
    await job.run(DIGEST_AT); // Monday 08:00
    expect(await queued()).toBe(3);
    await job.run(DIGEST_AT);
    expect(await queued()).toBe(3);

    // The Center turns it off.
    await db.setting.create({
      data: {
        key: DIGEST_SETTINGS_KEY,
        value: { weeklyHour: null, unitHeadSummaries: false, acknowledgementDays: 3 },
      },
    });
    await job.run(new Date(DIGEST_AT.getTime() + 7 * 24 * HOUR));
    expect(await db.outboxMessage.count({ where: { batch: "digest:2031-W17" } })).toBe(0);
  });
});
