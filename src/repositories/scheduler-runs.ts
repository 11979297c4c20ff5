import type { DbClient } from "../db/prisma.js";

/**
 * The slots of scheduled jobs already taken: one row per `<job>:<slot time>`, so that of
 * several instances whose schedules fire at the same moment exactly one runs the job.
 */
export class SchedulerRunsRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Takes the slot for `ttlMs`, or answers false when another instance holds it. One
   * statement, atomic on PostgreSQL and PGlite alike: the insert wins, or the conflicting row
   * is taken over only when its lease has run out (its instance died mid-run).
   */
  async claim(key: string, ttlMs: number, now: Date): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    const rows = await this.db.$queryRaw<Array<{ key: string }>>`
      INSERT INTO "SchedulerRun" ("key", "expiresAt", "ranAt")
      VALUES (${key}, ${expiresAt}, ${now})
      ON CONFLICT ("key") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt", "ranAt" = EXCLUDED."ranAt"
      WHERE "SchedulerRun"."expiresAt" < ${now}
      RETURNING "key"`;
    return rows.length === 1;
  }

  /** Forgets slots older than `before` (the table would otherwise grow by one row per run). */
  async prune(before: Date): Promise<number> {
    const { count } = await this.db.schedulerRun.deleteMany({ where: { expiresAt: { lt: before } } });
    return count;
  }
}
