import type { DbClient } from "../db/prisma.js";

/** Advisory-lock namespaces (the first key of PostgreSQL's two-key advisory locks). */
const PERSON_MEMBERSHIPS = 1;

/**
 * Holds, until the transaction ends, the right to change this person's memberships. Writers
 * that first check "no such membership yet" and then create one take it first, so that two
 * bot instances (or an instance and the CLI) never both create it: the second waits, then
 * sees the first one's membership. Call it on the transaction of a use-case (`inTransaction`):
 * on the bare client the lock would end with the statement.
 */
export async function lockMembershipsOf(tx: DbClient, personId: number): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${PERSON_MEMBERSHIPS}::int, ${personId}::int)`;
}
