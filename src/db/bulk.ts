// Statements over tens of thousands of rows (an import's dossiers as arrays), sent through
// the driver adapter's own transaction rather than through Prisma's `$executeRaw`: Prisma 7
// keeps one to two MB of heap per such statement alive (prisma/orm#29331), hundreds of MB
// for one import, where the driver stays flat. They run inside Prisma's interactive
// transaction, on its connection, so the import stays all or nothing.
import { AsyncLocalStorage } from "node:async_hooks";
import type { ArgType, SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { type CopyIn, copyIn } from "./copy.js";
import type { Db, DbTransaction } from "./prisma.js";

/** A parameter: a value or a whole column of values (`$1::text[]`). */
export type BulkParameter = string | number | null | readonly (string | number | null)[];

export interface BulkSql {
  /** The rows, each an array of the selected columns' values in order. */
  query(sql: string, parameters: readonly BulkParameter[]): Promise<unknown[][]>;
  /** The number of rows affected. */
  execute(sql: string, parameters: readonly BulkParameter[]): Promise<number>;
  /** `COPY table (columns) FROM STDIN` (see db/copy.ts); nothing else on the transaction until it ends. */
  copyIn(table: string, columns: readonly string[]): Promise<CopyIn>;
}

interface TransactionScope {
  transaction: Transaction | null;
  closed: boolean;
}

const startingTransaction = new AsyncLocalStorage<TransactionScope>();

/**
 * Lets `bulkTransaction` find the adapter transaction Prisma starts for it: the transaction is
 * started inside `bulkTransaction`'s async context. `openDatabase` installs this on every
 * adapter it hands out.
 */
export function withTransactionsFound(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await start(isolationLevel);
    const scope = startingTransaction.getStore();
    if (scope && !scope.transaction) {
      scope.transaction = transaction;
      markClosedOnEnd(transaction, scope);
    }
    return transaction;
  };
  return adapter;
}

/** After commit or rollback (a timeout's too) the connection goes back to the pool: never use it again. */
function markClosedOnEnd(transaction: Transaction, scope: TransactionScope): void {
  const commit = transaction.commit.bind(transaction);
  const rollback = transaction.rollback.bind(transaction);
  transaction.commit = () => {
    scope.closed = true;
    return commit();
  };
  transaction.rollback = () => {
    scope.closed = true;
    return rollback();
  };
}

export interface BulkTransactionOptions {
  maxWait?: number;
  timeout?: number;
}

/**
 * `db.$transaction(async (tx) => ...)` that also hands the work the same transaction's
 * connection for bulk statements. Throwing rolls back both.
 */
export function bulkTransaction<T>(
  db: Db,
  work: (tx: DbTransaction, bulk: BulkSql) => Promise<T>,
  options: BulkTransactionOptions = {},
): Promise<T> {
  const scope: TransactionScope = { transaction: null, closed: false };
  return startingTransaction.run(scope, () =>
    db.$transaction(async (tx) => {
      if (!scope.transaction) {
        throw new Error("bulkTransaction needs a PrismaClient over an adapter from openDatabase");
      }
      return work(tx, bulkSqlOn(scope.transaction, scope));
    }, options),
  );
}

function bulkSqlOn(transaction: Transaction, scope: TransactionScope): BulkSql {
  return {
    query: async (sql, parameters) =>
      (await runReleasingArguments(scope, sql, parameters, (query) => transaction.queryRaw(query))).rows,
    execute: (sql, parameters) =>
      runReleasingArguments(scope, sql, parameters, (query) => transaction.executeRaw(query)),
    copyIn: (table, columns) => {
      if (scope.closed) throw new Error("the transaction has already ended");
      return copyIn(transaction, table, columns);
    },
  };
}

/**
 * Runs the statement, then empties its argument list. The adapters log every statement
 * through @prisma/debug, which keeps the last 100 calls' arguments (for its error reports)
 * whether logging is on or not: an import's statements, each holding a batch's columns,
 * would stay alive there, tens of MB that the heap then grows around.
 */
async function runReleasingArguments<T>(
  scope: TransactionScope,
  sql: string,
  parameters: readonly BulkParameter[],
  run: (query: SqlQuery) => Promise<T>,
): Promise<T> {
  if (scope.closed) throw new Error("the transaction has already ended");
  const query: SqlQuery = { sql, args: [...parameters], argTypes: parameters.map(argType) };
  try {
    return await run(query);
  } finally {
    query.args.length = 0;
    query.argTypes.length = 0;
  }
}

/** Values go to the driver as they are (text, integers, arrays of them): no conversion to ask for. */
function argType(parameter: BulkParameter): ArgType {
  return { scalarType: "unknown", arity: Array.isArray(parameter) ? "list" : "scalar" };
}
