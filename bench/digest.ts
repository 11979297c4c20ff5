// The weekly digest at a city's scale: 1,000 units, 100,000 dossiers on the overdue list with
// causes (some superseded), apology records and resolutions (some revoked) spread over two
// weeks, 300 escalations and 100 inspections. Prints how long the digest's figures take (the
// aggregates of `loadDigest`, best of three) and the workbook's streaming write: its time,
// size and the process's peak RSS while writing (sampled every 20 ms). Targets: figures under
// 2 s on PostgreSQL; the workbook under 300 MB RSS.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { loadDigest, streamDigestWorkbook } from "../src/app/digest/digest-report.js";
import { createTranslator } from "../src/i18n/index.js";
import { type BenchDatabase, benchDatabase, benchKinds } from "./support.js";

const UNITS = 1000;
const DOSSIERS = 100_000;
const AT = new Date("2031-04-14T01:00:00Z");
const TIME_ZONE = "Asia/Ho_Chi_Minh";

export async function seed(database: BenchDatabase): Promise<void> {
  const db = database.prisma;
  const statements = [
    `INSERT INTO "ReportingPeriod" ("year", "month") VALUES (2031, 3)`,
    `INSERT INTO "ImportBatch" ("kind", "source", "fileName", "fileSha256", "rowCount", "summary")
       VALUES ('OVERDUE_DOSSIERS', 'CLI', 'bench.xlsx', 'bench', ${DOSSIERS}, '{}')`,
    `INSERT INTO "PeriodSnapshot" ("periodId", "kind", "asOf", "source", "importBatchId")
       SELECT p."id", k::"SnapshotKind", '2031-04-11T04:00:00Z', 'bench', b."id"
       FROM "ReportingPeriod" p, "ImportBatch" b, unnest(ARRAY['OVERDUE_DOSSIERS', 'UNIT_SCORES']) k`,
    `INSERT INTO "Unit" ("code", "nameVi", "normalizedName", "kind", "updatedAt")
       SELECT 'B' || g, 'Phường Thử Nghiệm ' || g, 'phuong thu nghiem ' || g,
              (CASE WHEN g % 10 = 0 THEN 'DEPARTMENT' ELSE 'COMMUNE' END)::"UnitKind", now()
       FROM generate_series(1, ${UNITS}) g`,
    `INSERT INTO "UnitScore" ("snapshotId", "unitId", "total")
       SELECT s."id", u."id", 40 + (u."id" % 50) FROM "Unit" u, "PeriodSnapshot" s WHERE s."kind" = 'UNIT_SCORES'`,
    `INSERT INTO "Dossier" ("code", "procedureName", "field", "applicantName", "handlerName", "receivedAt", "dueAt",
                            "daysOverdue", "unitId", "firstPeriodId", "lastPeriodId", "updatedAt", "finishedAt")
       SELECT '000.00.20.H26-' || lpad(g::text, 7, '0'), 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Xây dựng',
              'Nguyễn Văn ' || g, 'Cán bộ ' || (g % 97), timestamptz '2031-02-01' + (g % 20) * interval '1 day',
              timestamptz '2031-03-01' + (g % 20) * interval '1 day', 1 + g % 90,
              (SELECT min("id") FROM "Unit") + g % ${UNITS}, p."id", p."id", now(),
              CASE WHEN g % 23 = 0 THEN timestamptz '2031-04-01' END
       FROM generate_series(1, ${DOSSIERS}) g, "ReportingPeriod" p`,
    `INSERT INTO "DossierListing" ("dossierId", "snapshotId", "periodId", "unitId", "daysOverdue")
       SELECT d."id", s."id", s."periodId", d."unitId", d."daysOverdue"
       FROM "Dossier" d, "PeriodSnapshot" s WHERE s."kind" = 'OVERDUE_DOSSIERS'`,
    `INSERT INTO "CauseReport" ("dossierId", "category", "detail", "reportedAt", "supersededAt")
       SELECT "id", (ARRAY['WAITING_FOR_APPLICANT','WAITING_FOR_OTHER_AGENCY','SYNC_ERROR','STAFF_SLOW_OR_UNFAMILIAR',
                           'WORKLOAD','COMPLEX_DOSSIER','OTHER'])[1 + "id" % 7]::"CauseCategory", 'Chi tiết',
              timestamptz '2031-04-14T01:00:00Z' - ("id" % 14) * interval '1 day', NULL
       FROM "Dossier" WHERE "id" % 5 <> 0`,
    `INSERT INTO "CauseReport" ("dossierId", "category", "reportedAt", "supersededAt")
       SELECT "id", 'OTHER', timestamptz '2031-03-20', timestamptz '2031-04-14T01:00:00Z' - ("id" % 14) * interval '1 day'
       FROM "Dossier" WHERE "id" % 10 = 1`,
    `INSERT INTO "ApologyRecord" ("dossierId", "letterNumber", "issuedOn", "signerName", "signerCapacity", "form",
                                  "newAppointmentOn", "recordedAt", "updatedAt")
       SELECT "id", "id" || '/PXL', date '2031-04-05', 'Trần Thị Bình', 'HEAD', 'PAPER', date '2031-04-20',
              timestamptz '2031-04-14T01:00:00Z' - ("id" % 12) * interval '1 day', now()
       FROM "Dossier" WHERE "id" % 5 IN (1, 2)`,
    `INSERT INTO "DossierResolution" ("dossierId", "outcome", "resolvedOn", "recordedAt", "revokedAt")
       SELECT "id", 'RESULT_ISSUED', date '2031-04-10', timestamptz '2031-04-14T01:00:00Z' - ("id" % 10) * interval '1 day',
              CASE WHEN "id" % 30 = 3 THEN timestamptz '2031-04-13' END
       FROM "Dossier" WHERE "id" % 10 IN (3, 4, 5)`,
    `INSERT INTO "Escalation" ("unitId", "level", "reason", "evidence", "openedAt", "acknowledgedAt")
       SELECT u."id", (ARRAY['L1_REMINDER','L2_CENTER','L3_PEOPLES_COMMITTEE'])[1 + u."id" % 3]::"EscalationLevel",
              'CONSECUTIVE_OVERDUE_MONTHS', '{}', timestamptz '2031-04-14' - (u."id" % 20) * interval '1 day',
              CASE WHEN u."id" % 4 = 0 THEN timestamptz '2031-04-13' END
       FROM "Unit" u WHERE u."id" % 10 < 3`,
    `INSERT INTO "Inspection" ("unitId", "plannedOn", "updatedAt")
       SELECT u."id", date '2031-04-10' + (u."id" % 20), now() FROM "Unit" u WHERE u."id" % 10 = 7`,
  ];
  for (const sql of statements) await db.$executeRawUnsafe(sql);
  await db.$executeRawUnsafe("ANALYZE");
}

async function measure(database: BenchDatabase): Promise<void> {
  const seedStarted = Date.now();
  await seed(database);
  console.log(
    `  ${database.label}: seeded ${UNITS} units, ${DOSSIERS} dossiers in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const db = database.prisma;
  const timings: number[] = [];
  let overdue = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const digest = await loadDigest(db, { at: AT, timeZone: TIME_ZONE });
    timings.push(performance.now() - started);
    overdue = digest.totals.overdue;
  }
  const best = Math.min(...timings);
  console.log(
    `    figures: ${(best / 1000).toFixed(3)} s best of 3 (${timings.map((ms) => (ms / 1000).toFixed(3)).join(", ")}) for ${overdue} dossiers; target < 2 s`,
  );

  const folder = await mkdtemp(join(tmpdir(), "dondoc-digest-bench-"));
  try {
    const path = join(folder, "digest.xlsx");
    const file = createWriteStream(path);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await streamDigestWorkbook(
      { db, translator: createTranslator("vi"), timeZone: TIME_ZONE, defaultLocale: "vi" },
      { at: AT, locale: "vi", audience: "center" },
      file,
    );
    await finished(file);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const { size } = await stat(path);
    console.log(
      `    workbook: ${((performance.now() - started) / 1000).toFixed(1)} s, ${(size / 1024 / 1024).toFixed(1)} MB; ` +
        `peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB (before ${(before / 1024 / 1024).toFixed(0)} MB); target < 300 MB`,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export async function benchDigest(): Promise<void> {
  console.log(`weekly digest of ${UNITS} units and ${DOSSIERS} dossiers with answers:`);
  // PostgreSQL first: PGlite's WebAssembly memory stays in the process once loaded, and would
  // count in the RSS measured while PostgreSQL's workbook is written.
  for (const kind of [...benchKinds()].reverse()) {
    const database = await benchDatabase(kind);
    try {
      await measure(database);
    } finally {
      await database.close();
    }
  }
}
