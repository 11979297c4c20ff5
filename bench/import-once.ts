// One import run in a process of its own (so that its peak RSS is its own), on a database made
// beforehand, opened as the CLI opens it (migrations checked): the score sheet (creating the
// units), then the dossier list, timed; then the same list again (the update path); then closed.
// With `--refuse <file>` instead: that one file, which must be refused (a hostile file), timed.
// Prints one JSON line.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { appContext } from "../src/app/context.js";
import { type ImportMonthOutcome, importMonth } from "../src/app/imports/import-month.js";
import { type DatabaseTarget, openDatabase, withMigrationConnection } from "../src/db/database.js";
import { applyMigrations } from "../src/db/migrations/migrations.js";
import { createPrismaClient } from "../src/db/prisma.js";
import { VN_CALENDAR_DAYS } from "../src/domain/calendar-data/index.js";
import { MIGRATIONS_DIR } from "../src/paths.js";
import { CalendarRepository } from "../src/repositories/calendar.js";

const [targetJson, scoresPath, dossiersPath] = process.argv.slice(2) as [string, string, string];
const refusing = scoresPath === "--refuse";
const target = JSON.parse(targetJson) as DatabaseTarget;

/**
 * This process's own peak RSS so far, in MB. Not `process.resourceUsage().maxRSS`: Linux carries
 * the parent's peak over into a spawned child's (getrusage keeps the higher mark across exec), so
 * it reported the benchmark runner's memory, not the import's. /proc's VmHWM is this process
 * image's alone.
 */
function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: getrusage's figure, an upper bound.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The peak RSS so far (MB) after each stage: where the memory goes. */
const peakMbAfter: Record<string, number> = {};
function stage(name: string): void {
  peakMbAfter[name] = Math.round(peakRssMb());
}

stage("modules");
const database = await openDatabase(target);
let result: Record<string, unknown>;
try {
  await withMigrationConnection(database, target, (factory) =>
    applyMigrations(factory, { migrationsDir: MIGRATIONS_DIR }),
  );
  stage("migrations");
  const prisma = createPrismaClient(database.adapterFactory);
  try {
    result = refusing ? await refuseFile(prisma, dossiersPath) : await importSampleMonth(prisma);
  } finally {
    await prisma.$disconnect();
  }
} finally {
  // Closing counts too: PGlite writes a shutdown checkpoint.
  await database.close();
}
stage("closed");
// The whole process: start, migrations check, both imports, closing.
console.log(JSON.stringify({ ...result, peakRssMb: peakRssMb(), peakMbAfter }));

function importer(prisma: ReturnType<typeof createPrismaClient>) {
  const app = appContext(prisma);
  return async (path: string, createUnknownUnits: boolean) =>
    importMonth(app, {
      by: { actorLabel: "bench" },
      files: [{ fileName: basename(path), bytes: await readFile(path) }],
      options: { createUnknownUnits },
      settings: { timeZone: "Asia/Ho_Chi_Minh", provinceName: null },
      source: "CLI",
    });
}

async function refuseFile(prisma: ReturnType<typeof createPrismaClient>, path: string) {
  const started = performance.now();
  const outcome = await importer(prisma)(path, false);
  const seconds = (performance.now() - started) / 1000;
  stage("refused");
  if (outcome.kind !== "refused") throw new Error(`${path} was not refused: ${outcome.kind}`);
  return { seconds, reasons: outcome.report.files.flatMap((file) => file.errors.map((error) => error.code)) };
}

async function importSampleMonth(prisma: ReturnType<typeof createPrismaClient>) {
  await new CalendarRepository(prisma).seed(VN_CALENDAR_DAYS);
  stage("calendar");
  const commit = importer(prisma);
  const scores = imported(await commit(scoresPath, true), "score sheet");
  stage("scores");

  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const first = imported(await commit(dossiersPath, false), "dossier list");
  const firstSeconds = (performance.now() - started) / 1000;
  stage("dossiers");

  const again = performance.now();
  const second = imported(await commit(dossiersPath, false), "dossier list");
  const secondSeconds = (performance.now() - again) / 1000;
  stage("reimport");
  return {
    dossiers: first.files[0]?.result?.created,
    units: scores.files[0]?.result?.unitsCreated,
    seconds: firstSeconds,
    reimportSeconds: secondSeconds,
    reimportUpdated: second.files[0]?.result?.updated,
    rssBeforeMb: rssBefore / 1024 / 1024,
  };
}

function imported(outcome: ImportMonthOutcome, what: string) {
  if (outcome.kind !== "imported") {
    const errors = outcome.kind === "refused" ? outcome.report.files[0]?.errors.slice(0, 3) : outcome.kind;
    throw new Error(`${what} refused: ${JSON.stringify(errors)}`);
  }
  return outcome.report;
}
