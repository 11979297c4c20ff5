// Random corruption of a valid overdue-dossier list, imported for real: either every row lands
// exactly as written, or the file is refused with row errors and the database is untouched.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { importMonth } from "../../../src/app/imports/import-month.js";
import { VN_CALENDAR_DAYS } from "../../../src/domain/calendar-data/index.js";
import { CalendarRepository } from "../../../src/repositories/calendar.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

const zone = "Asia/Ho_Chi_Minh";
const HEADER = [
  "STT",
  "Mã hồ sơ",
  "Tên thủ tục",
  "Lĩnh vực",
  "Chủ hồ sơ",
  "Ngày tiếp nhận",
  "Ngày hẹn trả",
  "Số ngày quá hạn",
  "Đơn vị xử lý",
];
const GARBAGE = ["", "abc", "31/02/2025", "-4", "#N/A", "Đơn vị lạ", "01/01/1800", "2,5", '"'];

function validRows(run: number): string[][] {
  return Array.from({ length: 5 }, (_, index) => [
    String(index + 1),
    `P${run}-000.00.20.H26-2503${String(index).padStart(2, "0")}-0001`,
    "Cấp phiếu lý lịch tư pháp",
    "Lý lịch tư pháp",
    `Người nộp ${index}`,
    `0${index + 1}/03/2025`,
    `1${index}/03/2025`,
    String(index + 3),
    index % 2 === 0 ? "Sở Tư pháp" : "H26.40.01",
  ]);
}

const corruption = fc.oneof(
  fc.record({
    kind: fc.constant("cell" as const),
    row: fc.nat(4),
    column: fc.integer({ min: 1, max: 8 }),
    value: fc.constantFrom(...GARBAGE),
  }),
  fc.record({ kind: fc.constant("swapDates" as const), row: fc.nat(4) }),
  fc.record({ kind: fc.constant("duplicateCode" as const), row: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("none" as const) }),
);

type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

function corrupt(rows: string[][], change: Corruption): string[][] {
  const copy = rows.map((row) => [...row]);
  const at = (index: number) => copy[index] as string[];
  if (change.kind === "cell") at(change.row)[change.column] = change.value;
  if (change.kind === "swapDates")
    [at(change.row)[5], at(change.row)[6]] = [at(change.row)[6] as string, at(change.row)[5] as string];
  if (change.kind === "duplicateCode") at(change.row)[1] = at(0)[1] as string;
  return copy;
}

const toCsv = (rows: string[][]) =>
  [
    "Tháng 3/2025",
    "Tính đến 11:00 11/04/2025",
    HEADER.join(","),
    ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(",")),
  ].join("\n");

describe(`a corrupted dossier list on ${databaseLabel()}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.prisma.unit.createMany({
      data: [
        { code: "H26.01", nameVi: "Sở Tư pháp", normalizedName: "so tu phap" },
        { code: "H26.40.01", nameVi: "Phường Hoàn Kiếm", normalizedName: "phuong hoan kiem" },
      ],
    });
    await new CalendarRepository(database.prisma).seed(VN_CALENDAR_DAYS);
  });
  afterAll(() => database.drop());

  const counts = async () => ({
    dossiers: await database.prisma.dossier.count(),
    listings: await database.prisma.dossierListing.count(),
    snapshots: await database.prisma.periodSnapshot.count(),
    batches: await database.prisma.importBatch.count(),
    audit: await database.prisma.auditEvent.count(),
  });

  it("is imported exactly or refused with row errors, never half-written", async () => {
    let run = 0;
    const outcomes = { committed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(corruption, async (change) => {
        run += 1;
        const rows = corrupt(validRows(run), change);
        const before = await counts();
        const outcome = await importMonth(appContext(database.prisma), {
          by: { actorLabel: "test" },
          files: [{ fileName: `run-${run}.csv`, bytes: Buffer.from(toCsv(rows)) }],
          options: {},
          settings: { timeZone: zone, provinceName: null },
          source: "CLI",
        });
        if (outcome.kind === "forbidden") throw new Error("a label may import");
        const { report } = outcome;
        const after = await counts();
        if (!report.committed) {
          outcomes.refused += 1;
          expect(report.files.flatMap((file) => file.errors).length).toBeGreaterThan(0);
          expect(after).toEqual(before);
          return;
        }
        outcomes.committed += 1;
        expect(after.batches).toBe(before.batches + 1);
        expect(after.listings).toBe(before.listings + rows.length);
        const stored = await database.prisma.dossier.findMany({
          where: { code: { in: rows.map((row) => row[1] as string) } },
          select: { code: true, applicantName: true, daysOverdue: true },
        });
        const expected = rows.map((row) => ({
          code: row[1],
          applicantName: row[4] || null,
          daysOverdue: Number(row[7]),
        }));
        expect(stored.sort((a, b) => a.code.localeCompare(b.code))).toEqual(
          expected.sort((a, b) => String(a.code).localeCompare(String(b.code))),
        );
      }),
      { numRuns: 15, seed: 20250411 },
    );
    expect(outcomes.committed).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
