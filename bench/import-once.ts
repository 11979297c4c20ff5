// One import run in a process of its own (so that its peak RSS is its own): the score sheet
// (creating the units), then the dossier list, timed; then the same list again (the update path).
// Prints one JSON line.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { VN_CALENDAR_DAYS } from "../src/domain/calendar-data/index.js";
import { ImportService } from "../src/import/import-service.js";
import { CalendarRepository } from "../src/repositories/calendar.js";
import { type BenchDatabase, benchDatabase } from "./support.js";

const [kind, scoresPath, dossiersPath] = process.argv.slice(2) as [string, string, string];
const database: BenchDatabase = await benchDatabase(kind === "postgres" ? "postgres" : "pglite");
try {
  const calendar = new CalendarRepository(database.prisma);
  await calendar.seed(VN_CALENDAR_DAYS);
  const service = new ImportService({
    db: database.prisma,
    timeZone: "Asia/Ho_Chi_Minh",
    provinceNames: async () => [],
    workingDaysBetween: () => calendar.workingDaysBetween("Asia/Ho_Chi_Minh"),
  });
  const file = async (path: string) => ({ fileName: basename(path), bytes: await readFile(path) });
  const scores = await service.commit([await file(scoresPath)], { source: "CLI", createUnknownUnits: true });
  if (!scores.committed)
    throw new Error(`score sheet refused: ${JSON.stringify(scores.files[0]?.errors.slice(0, 3))}`);

  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const first = await service.commit([await file(dossiersPath)], { source: "CLI" });
  const firstSeconds = (performance.now() - started) / 1000;
  if (!first.committed)
    throw new Error(`dossier list refused: ${JSON.stringify(first.files[0]?.errors.slice(0, 3))}`);

  const again = performance.now();
  const second = await service.commit([await file(dossiersPath)], { source: "CLI" });
  const secondSeconds = (performance.now() - again) / 1000;
  console.log(
    JSON.stringify({
      label: database.label,
      dossiers: first.files[0]?.result?.created,
      units: scores.files[0]?.result?.unitsCreated,
      seconds: firstSeconds,
      reimportSeconds: secondSeconds,
      reimportUpdated: second.files[0]?.result?.updated,
      rssBeforeMb: rssBefore / 1024 / 1024,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await database.close();
}
