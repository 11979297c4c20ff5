// The one way a use-case opens a transaction: everything it writes (the new state, the audit
// events, the outbox rows that report it) commits together or not at all.
import { type BulkSql, type BulkTransactionOptions, bulkTransaction } from "./bulk.js";
import type { Db, DbClient } from "./prisma.js";

export type { BulkSql, BulkTransactionOptions };

/**
 * Runs `work` in one transaction. Build the repositories the work needs on `tx`
 * (`new MembershipsRepository(tx)`); `bulk` runs statements over many rows on the same
 * connection. Throwing rolls everything back. With PGlite (one connection), never touch the
 * outer client inside `work`: it would wait for this transaction forever.
 */
export function inTransaction<T>(
  db: Db,
  work: (tx: DbClient, bulk: BulkSql) => Promise<T>,
  options: BulkTransactionOptions = {},
): Promise<T> {
  return bulkTransaction(db, work, options);
}
