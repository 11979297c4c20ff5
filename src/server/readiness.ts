// What /readyz checks: can this instance do its work now? The database answers, Redis (when
// used) answers, and every migration this code expects is applied (during an upgrade another
// instance may still be applying them). A check that hangs counts as failed after a timeout,
// so a load balancer's probe never hangs with it.
import type { Db } from "../db/prisma.js";

/** Resolves when the dependency is usable; rejects (with a short reason) when not. */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  /** "ok", or why not. */
  checks: Record<string, string>;
}

export const READINESS_TIMEOUT_MS = 2000;

export async function checkReadiness(
  checks: Readonly<Record<string, ReadinessCheck>>,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, "ok"] as const;
      } catch (error) {
        return [
          name,
          error instanceof Error ? error.message.split("\n")[0] || error.name : String(error),
        ] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, result]) => result === "ok"), checks: Object.fromEntries(results) };
}

/** Every migration in `expected` is recorded as finished (and not rolled back). */
export function migrationsApplied(db: Db, expected: readonly string[]): ReadinessCheck {
  return async () => {
    const rows = await db.$queryRaw<Array<{ name: string }>>`
      SELECT migration_name AS "name" FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((row) => row.name));
    const missing = expected.filter((name) => !applied.has(name));
    if (missing.length > 0) throw new Error(`not applied: ${missing.join(", ")}`);
  };
}
