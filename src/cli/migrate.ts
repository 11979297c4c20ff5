// `npm run db:migrate` (apply), `npm run db:migrate:create -- <name>` (create),
// `npm run db:status` (status). A composition root of its own: it alone reads the
// environment. The target is PostgreSQL at DATABASE_URL when set, else the embedded PGlite
// in `${DATA_DIR:-./data}/pglite`.
import { join, relative, resolve } from "node:path";
import { readEnvironment } from "../config.js";
import { type DatabaseTarget, openMigrationConnection } from "../db/database.js";
import {
  applyMigrations,
  createMigration,
  type MigrationStatus,
  migrationStatus,
} from "../db/migrations/migrations.js";

const schemaPath = resolve("prisma/schema.prisma");
const migrationsDir = resolve("prisma/migrations");

const usage = `Usage:
  tsx src/cli/migrate.ts apply           apply pending migrations
  tsx src/cli/migrate.ts create <name>   write a migration for schema changes no migration covers
  tsx src/cli/migrate.ts status          list pending, failed and edited migrations (exit 1 unless up to date)

Database: DATABASE_URL (PostgreSQL, from the environment or .env) if set, else PGlite in \${DATA_DIR:-./data}/pglite.
Set MIGRATIONS_DEBUG=1 to print the schema engine's log.`;

function targetFromEnvironment(env: Record<string, string | undefined>): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  return { kind: "pglite", dataDir: resolve(env.DATA_DIR?.trim() || "./data", "pglite") };
}

function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite")
    return `PGlite at ${target.dataDir === null ? "(memory)" : shortPath(target.dataDir)}`;
  return `PostgreSQL at ${redactPassword(target.url)}`;
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

function shortPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath && !relativePath.startsWith("..") ? relativePath : path;
}

const logger = process.env.MIGRATIONS_DEBUG ? (line: string) => console.error(line.trimEnd()) : undefined;

async function apply(target: DatabaseTarget): Promise<number> {
  const database = await openMigrationConnection(target);
  try {
    console.log(`Applying migrations from ${shortPath(migrationsDir)} to ${describeTarget(target)}`);
    const { applied } = await applyMigrations(database.adapterFactory, { migrationsDir, logger });
    if (applied.length === 0) console.log("No pending migrations: the database is up to date.");
    else for (const name of applied) console.log(`  applied ${name}`);
    return 0;
  } finally {
    await database.close();
  }
}

async function create(name: string | undefined): Promise<number> {
  if (!name) {
    console.error(`A migration name is required.\n\n${usage}`);
    return 1;
  }
  const { created } = await createMigration({ schemaPath, migrationsDir, name, logger });
  if (created === null) {
    console.log(
      `No changes: the migrations in ${shortPath(migrationsDir)} already cover ${shortPath(schemaPath)}.`,
    );
  } else {
    console.log(`Created ${shortPath(join(migrationsDir, created, "migration.sql"))}`);
    console.log("Review it, then apply it with `npm run db:migrate`.");
  }
  return 0;
}

async function status(target: DatabaseTarget): Promise<number> {
  const database = await openMigrationConnection(target);
  let report: MigrationStatus;
  try {
    report = await migrationStatus(database.adapterFactory, { migrationsDir, logger });
  } finally {
    await database.close();
  }
  console.log(
    `${report.local.length} migration(s) in ${shortPath(migrationsDir)}; database: ${describeTarget(target)}`,
  );
  const sections: [string, string[]][] = [
    ["Applied", report.applied],
    ["Pending (run `npm run db:migrate`)", report.pending],
    ["FAILED (fix the database, then mark the migration rolled back or applied)", report.failed],
    ["Edited after being applied", report.edited],
    ["Applied to the database but missing from the folder", report.missingLocally],
  ];
  for (const [title, names] of sections) {
    if (names.length === 0) continue;
    console.log(`${title}:`);
    for (const name of names) console.log(`  ${name}`);
  }
  if (report.upToDate) {
    console.log("The database is up to date.");
    return 0;
  }
  return 1;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "apply":
      return apply(targetFromEnvironment(readEnvironment()));
    case "create":
      return create(rest.join(" ").trim() || undefined);
    case "status":
      return status(targetFromEnvironment(readEnvironment()));
    case "help":
    case "--help":
    case "-h":
      console.log(usage);
      return 0;
    default:
      console.error(`${command ? `Unknown command "${command}".` : "A command is required."}\n\n${usage}`);
      return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
