// One import run in a process of its own (so that its peak RSS is its own), on a database made
// beforehand, opened as the CLI opens it (migrations checked): the score sheet (creating the
// units), then the dossier list, timed; then the same list again (the update path); then closed.
// Prints one JSON line.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type DatabaseTarget, openDatabase, withMigrationConnection } from "../src/db/database.js";
import { applyMigrations } from "../src/db/migrations/migrations.js";
import { createPrismaClient } from "../src/db/prisma.js";
import { VN_CALENDAR_DAYS } from "../src/domain/calendar-data/index.js";
import { ImportService } from "../src/import/import-service.js";
import { MIGRATIONS_DIR } from "../src/paths.js";
import { CalendarRepository } from "../src/repositories/calendar.js";

const [targetJson, scoresPath, dossiersPath] = process.argv.slice(2) as [string, string, string];
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
let result: Awaited<ReturnType<typeof importMonth>>;
try {
  await withMigrationConnection(database, target, (factory) =>
    applyMigrations(factory, { migrationsDir: MIGRATIONS_DIR }),
  );
  stage("migrations");
  const prisma = createPrismaClient(database.adapterFactory);
  try {
    result = await importMonth(prisma);
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

async function importMonth(prisma: ReturnType<typeof createPrismaClient>) {
  const calendar = new CalendarRepository(prisma);
  await calendar.seed(VN_CALENDAR_DAYS);
  stage("calendar");
  const service = new ImportService({
    db: prisma,
    timeZone: "Asia/Ho_Chi_Minh",
    provinceNames: async () => [],
    workingDaysBetween: () => calendar.workingDaysBetween("Asia/Ho_Chi_Minh"),
  });
  const file = async (path: string) => ({ fileName: basename(path), bytes: await readFile(path) });
  const scores = await service.commit([await file(scoresPath)], { source: "CLI", createUnknownUnits: true });
  if (!scores.committed)
    throw new Error(`score sheet refused: ${JSON.stringify(scores.files[0]?.errors.slice(0, 3))}`);
  stage("scores");

  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const first = await service.commit([await file(dossiersPath)], { source: "CLI" });
  const firstSeconds = (performance.now() - started) / 1000;
  stage("dossiers");
  if (!first.committed)
    throw new Error(`dossier list refused: ${JSON.stringify(first.files[0]?.errors.slice(0, 3))}`);

  const again = performance.now();
  const second = await service.commit([await file(dossiersPath)], { source: "CLI" });
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
