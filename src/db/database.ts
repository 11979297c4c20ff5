// Opens Dondoc's database: embedded PGlite (the default, a WASM build of PostgreSQL) or a
// PostgreSQL server. Both give the same Prisma driver-adapter factory, usable by the
// application's PrismaClient and by the schema engine that applies migrations.
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { withTransactionsFound } from "./bulk.js";

/** Where the data lives. A PGlite `dataDir` of null keeps the database in memory. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string | null } | { kind: "postgres"; url: string };

export type DatabaseKind = DatabaseTarget["kind"];

export interface Database {
  readonly kind: DatabaseKind;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes everything `openDatabase` opened. Disconnect PrismaClients built on it first. */
  close(): Promise<void>;
  /**
   * PGlite only: the data dir as a tarball (PGlite's `dumpDataDir`), from which other PGlite
   * databases can start (`initialData`) without running initdb again.
   */
  dumpDataDir?: () => Promise<Blob>;
}

export interface OpenDatabaseOptions {
  /**
   * PostgreSQL only: the pool's size (pg's default when unset). Migrations need 1, so that
   * the schema engine's advisory lock and the scripts it runs share one session.
   */
  maxConnections?: number;
  /**
   * PGlite only, for a new data dir: start from a tarball made by `dumpDataDir` (e.g. a
   * migrated template for tests; several times faster than initdb).
   */
  initialData?: Blob;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  return target.kind === "pglite"
    ? openPGlite(target.dataDir, options.initialData)
    : openPostgres(target.url, options);
}

/**
 * A connection for the schema engine. On PostgreSQL it is a separate single-connection pool.
 * PGlite has one connection per data dir and must not be opened twice: while the
 * application holds a data dir open, apply migrations through its own `adapterFactory`
 * (see `withMigrationConnection`); this opens a fresh instance, for callers such as the CLI
 * that own the data dir.
 */
export function openMigrationConnection(target: DatabaseTarget): Promise<Database> {
  return openDatabase(target, { maxConnections: 1 });
}

/**
 * Runs `work` with an adapter factory fit for the schema engine, next to an open application
 * database: PGlite shares the application's single instance; PostgreSQL gets a
 * single-connection pool that is closed afterwards.
 */
export async function withMigrationConnection<T>(
  database: Database,
  target: DatabaseTarget,
  work: (adapterFactory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>,
): Promise<T> {
  if (target.kind !== database.kind) {
    throw new Error(`The database is ${database.kind} but the target is ${target.kind}`);
  }
  if (target.kind === "pglite") return work(database.adapterFactory);
  const migrationDatabase = await openMigrationConnection(target);
  try {
    return await work(migrationDatabase.adapterFactory);
  } finally {
    await migrationDatabase.close();
  }
}

/**
 * PostgreSQL's default of 128 MB of shared buffers is all touched when PGlite starts (it is
 * WASM memory, never given back): 16 MB is plenty for one process's one connection, the
 * operating system caches the data files anyway.
 */
const PGLITE_SHARED_BUFFERS = "16MB";

// Each driver is loaded only for the database it serves: PGlite alone weighs tens of MB.
async function openPGlite(dataDir: string | null, initialData: Blob | undefined): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  if (dataDir !== null) await mkdir(dirname(dataDir), { recursive: true });
  const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  const pglite = await PGlite.create({
    ...(dataDir === null ? {} : { dataDir }),
    ...(initialData === undefined ? {} : { loadDataDir: initialData }),
    startParams,
  });
  const shadows = new Set<PGlite>();
  const factory = new PrismaPGlite(pglite);
  const adapterFactory: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () =>
      withTransactionsFound(withWholeScripts(await factory.connect(), (script) => pglite.exec(script))),
    connectToShadowDb: async () => {
      const shadow = await PGlite.create({ startParams });
      shadows.add(shadow);
      const adapter = withWholeScripts(await new PrismaPGlite(shadow).connect(), (script) =>
        shadow.exec(script),
      );
      adapter.dispose = async () => {
        shadows.delete(shadow);
        await shadow.close();
      };
      return adapter;
    },
  };
  return {
    kind: "pglite",
    adapterFactory,
    close: async () => {
      await Promise.all([...shadows].map((shadow) => shadow.close()));
      shadows.clear();
      if (!pglite.closed) await pglite.close();
    },
    dumpDataDir: () => pglite.dumpDataDir("gzip"),
  };
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const pool = new pg.Pool({
    connectionString: url,
    ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }),
  });
  // An idle client's error (e.g. the server restarting) must not crash the process; the next
  // query reports it.
  pool.on("error", () => {});
  // @prisma/adapter-pg bundles newer @types/pg than ours; the runtime `pg` is the same one.
  const factory = new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0]);
  const adapterFactory: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () =>
      withTransactionsFound(withWholeScripts(await factory.connect(), (script) => pool.query(script))),
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      const shadowPool = underlyingPool(adapter, pg.Pool);
      return withWholeScripts(adapter, (script) => shadowPool.query(script));
    },
  };
  return {
    kind: "postgres",
    adapterFactory,
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * Replaces the adapter's `executeScript`, which the schema engine uses to run a migration,
 * by one awaited call that sends the whole script. Both adapters get it wrong:
 * `@prisma/adapter-pg` splits the script on `;` (breaking `$$` bodies and `'a;b'` literals,
 * and losing atomicity) and `pglite-prisma-adapter` 0.7.2 does not await `exec()` (so a
 * failing migration would be recorded as applied). Sent whole, a script runs in one implicit
 * transaction; `CREATE INDEX CONCURRENTLY` therefore needs a migration of its own.
 */
function withWholeScripts(adapter: SqlDriverAdapter, runScript: (script: string) => Promise<unknown>) {
  const convertError = adapterErrorConverter(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await runScript(script);
    } catch (error) {
      convertError(error);
    }
  };
  return adapter;
}

/**
 * Both adapters turn a driver error into a `DriverAdapterError` (with the SQLSTATE code and
 * message the engine reports) in their `onError` method, which always throws.
 */
function adapterErrorConverter(adapter: SqlDriverAdapter): (error: unknown) => never {
  const onError = (adapter as { onError?: (error: unknown) => never }).onError;
  if (typeof onError === "function") return (error) => onError.call(adapter, error);
  return (error) => {
    throw error;
  };
}

function underlyingPool(adapter: SqlDriverAdapter, Pool: typeof pg.Pool): pg.Pool {
  const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  if (!(driver instanceof Pool)) throw new Error("Expected @prisma/adapter-pg's adapter over a pg.Pool");
  return driver;
}
