// What every use-case is given. A use-case (one module under src/app/<area>/) takes this, the
// actor and plain input; asks `can()` itself; runs ONE `inTransaction` over the repositories it
// needs, writing its audit events (and outbox rows) inside it; and returns a tagged outcome
// (`{ kind: "done", ... } | { kind: "forbidden" } | ...`) that the bot, the CLI and jobs each
// turn into words. Expected refusals are outcomes, never exceptions.
import type { Db } from "../db/prisma.js";

export interface AppContext {
  db: Db;
  /** The clock use-cases judge time by (tests move it). */
  now: () => Date;
}

export function appContext(db: Db, now: () => Date = () => new Date()): AppContext {
  return { db, now };
}
