// A throw-away, migrated database per test file: PostgreSQL when TEST_DATABASE_URL is set (a
// new `dondoc_test_<random>` database on that server), else an in-memory PGlite.
//
//   describe(`... on ${databaseLabel()}`, () => {
//     let database: TestDatabase;
//     beforeAll(async () => { database = await createTestDatabase(); });
//     afterAll(() => database.drop());
//     it("...", async () => { await database.prisma.unit.findMany(); });
//   });
//
// or `describeDatabase("...", (database) => { it("...", () => database().prisma...) })`.
//
// PGlite's initdb takes seconds, so in-memory databases start from a migrated template: built
// once by applying the migrations to an empty PGlite, dumped to a tarball cached in the OS
// temp folder under a hash of the PGlite version and every migration file (so a changed
// migration builds a new one), then loaded per test database (about 1.3 s instead of 5).
// `applyMigrations` still runs on each database and finds nothing to apply.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import {
  type Database,
  type DatabaseKind,
  type DatabaseTarget,
  openDatabase,
  openMigrationConnection,
  withMigrationConnection,
} from "../../src/db/database.js";
import { applyMigrations, readMigrationsList } from "../../src/db/migrations/migrations.js";
import { createPrismaClient } from "../../src/db/prisma.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { missingServiceMessage, servicesRequired, testDatabaseUrl } from "./services.js";

export const migrationsDir = MIGRATIONS_DIR;
export const schemaPath = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));

export interface TestDatabase {
  prisma: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  target: DatabaseTarget;
  /** Disconnects, closes and (on PostgreSQL) drops the database. */
  drop(): Promise<void>;
}

/** Which database `createTestDatabase()` gives by default, for test titles. */
export function databaseLabel(kind: DatabaseKind = defaultKind()): "PostgreSQL" | "PGlite" {
  return kind === "postgres" ? "PostgreSQL" : "PGlite";
}

function defaultKind(): DatabaseKind {
  return testDatabaseUrl ? "postgres" : "pglite";
}

export async function createTestDatabase(options: { kind?: DatabaseKind } = {}): Promise<TestDatabase> {
  const kind = options.kind ?? defaultKind();
  return kind === "postgres" ? createPostgresTestDatabase() : createPGliteTestDatabase();
}

/** `describe` with a fresh test database for the block, its label in the title. */
export function describeDatabase(title: string, body: (database: () => TestDatabase) => void): void {
  describe(`${title} on ${databaseLabel()}`, () => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });
    body(() => {
      if (!database) throw new Error("The test database is created in beforeAll; use it inside tests");
      return database;
    });
  });
}

/**
 * `describe` for tests that need the PostgreSQL server itself (`serverUrl()` is
 * TEST_DATABASE_URL). Without TEST_DATABASE_URL the block is skipped with a loud warning,
 * unless REQUIRE_SERVICES=1, in which case it fails.
 */
export function describePostgres(title: string, body: (serverUrl: () => string) => void): void {
  const skip = !testDatabaseUrl && !servicesRequired;
  if (skip) console.warn(`\n!!! ${missingServiceMessage("TEST_DATABASE_URL", `PostgreSQL (${title})`)}\n`);
  describe.skipIf(skip)(`${title} on PostgreSQL`, () => {
    beforeAll(() => {
      if (!testDatabaseUrl) throw new Error("REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set");
    });
    body(() => {
      if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set");
      return testDatabaseUrl;
    });
  });
}

async function createPGliteTestDatabase(): Promise<TestDatabase> {
  const target: DatabaseTarget = { kind: "pglite", dataDir: null };
  const database = await openDatabase(target, { initialData: await migratedPGliteTemplate() });
  try {
    await applyMigrations(database.adapterFactory, { migrationsDir });
  } catch (error) {
    await database.close();
    throw error;
  }
  return withClient(database, target, async () => {});
}

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set: no PostgreSQL server for tests");
  const scratch = await createScratchPostgresDatabase(testDatabaseUrl);
  const target: DatabaseTarget = { kind: "postgres", url: scratch.url };
  try {
    const database = await openDatabase(target);
    try {
      await withMigrationConnection(database, target, (factory) =>
        applyMigrations(factory, { migrationsDir }),
      );
    } catch (error) {
      await database.close();
      throw error;
    }
    return withClient(database, target, scratch.drop);
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

function withClient(
  database: Database,
  target: DatabaseTarget,
  dropStorage: () => Promise<void>,
): TestDatabase {
  const prisma = createPrismaClient(database.adapterFactory);
  let dropping: Promise<void> | undefined;
  return {
    prisma,
    adapterFactory: database.adapterFactory,
    target,
    drop: () => {
      dropping ??= (async () => {
        await prisma.$disconnect();
        await database.close();
        await dropStorage();
      })();
      return dropping;
    },
  };
}

/**
 * An empty database `dondoc_test_<random>` on the server at `serverUrl`, and a way to drop it
 * (`DROP DATABASE ... WITH (FORCE)`, so forgotten connections do not keep it alive).
 */
export async function createScratchPostgresDatabase(
  serverUrl: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `dondoc_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/**
 * Inside a `describePostgres` block: opens an empty scratch database on the server through a
 * single migration connection (as the migration tests need). Each call makes a new one;
 * closing what it opened drops it.
 */
export function scratchPostgresMigrationDatabase(serverUrl: () => string): () => Promise<Database> {
  return async () => {
    const scratch = await createScratchPostgresDatabase(serverUrl());
    const database = await openMigrationConnection({ kind: "postgres", url: scratch.url }).catch(
      async (error: unknown) => {
        await scratch.drop();
        throw error;
      },
    );
    return {
      kind: database.kind,
      adapterFactory: database.adapterFactory,
      close: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  };
}

async function withAdminClient(
  serverUrl: string,
  work: (admin: pg.Client) => Promise<unknown>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * An empty in-memory PGlite (a pristine cluster, no migrations), started from a cached
 * tarball instead of running initdb: for tests that replay their own migrations.
 */
export async function openEmptyPGlite(): Promise<Database> {
  return openDatabase({ kind: "pglite", dataDir: null }, { initialData: await pgliteTemplate("empty") });
}

type TemplateKind = "empty" | "migrated";
const templates = new Map<TemplateKind, Promise<Blob>>();

function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  let template = templates.get(kind);
  if (!template) {
    template = loadOrBuildTemplate(kind).catch((error: unknown) => {
      templates.delete(kind);
      throw error;
    });
    templates.set(kind, template);
  }
  return template;
}

/** A migrated PGlite data dir as a tarball (`openDatabase`'s `initialData`), built once and cached. */
export function migratedPGliteTemplate(): Promise<Blob> {
  return pgliteTemplate("migrated");
}

const templateDir = join(tmpdir(), "dondoc-test-db");

async function loadOrBuildTemplate(kind: TemplateKind): Promise<Blob> {
  const file = join(templateDir, `pglite-${kind}-${await templateKey(kind)}.tar.gz`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);

  const database =
    kind === "empty" ? await openDatabase({ kind: "pglite", dataDir: null }) : await openEmptyPGlite();
  try {
    if (kind === "migrated") await applyMigrations(database.adapterFactory, { migrationsDir });
    if (!database.dumpDataDir) throw new Error("PGlite databases can be dumped");
    const dump = await database.dumpDataDir();
    await mkdir(templateDir, { recursive: true });
    await pruneOldTemplates();
    // Written under a unique name, then renamed: other test workers may build it at the same time.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await database.close();
  }
}

/**
 * The PGlite version (its data dir format) decides the empty template; every migration file
 * too decides the migrated one.
 */
async function templateKey(kind: TemplateKind): Promise<string> {
  // The package does not export its package.json; its entry point is `dist/index.*`.
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const pglitePackage = JSON.parse(await readFile(join(dirname(entry), "..", "package.json"), "utf-8")) as {
    version: string;
  };
  const hash = createHash("sha256").update(`pglite ${pglitePackage.version}\n`);
  if (kind === "migrated") {
    for (const directory of (await readMigrationsList(migrationsDir)).migrationDirectories) {
      const content = directory.migrationFile.content;
      hash.update(`${directory.path}\n${content.tag}\n${content.value}\n`);
    }
  }
  return hash.digest("hex").slice(0, 24);
}

async function pruneOldTemplates(): Promise<void> {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of await readdir(templateDir).catch(() => [])) {
    const path = join(templateDir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < weekAgo) await rm(path, { force: true });
  }
}
