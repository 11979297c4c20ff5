// Corrupting a valid export never makes the parser throw: it reads the same rows, or it
// says what is wrong (rows skipped as totals or headings aside, which it reports).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParsedFile } from "../../src/import/types.js";
import {
  csv,
  DOSSIER_HEADER_VI,
  dossierRow,
  parse,
  SCORE_HEADER_VI,
  TITLE_ROWS,
  xls,
  xlsx,
} from "./fixtures.js";

type Cell = string | number | null;
type Table = Cell[][];
type Format = "csv" | "xlsx" | "xls";

const locale = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/import.json`, import.meta.url), "utf8")) as {
    errors: Record<string, string>;
    warnings: Record<string, string>;
  };
const vi = locale("vi");
const en = locale("en");

function expectTranslated(result: ParsedFile): void {
  for (const error of result.errors) {
    expect(vi.errors[error.code], error.code).toBeTypeOf("string");
    expect(en.errors[error.code], error.code).toBeTypeOf("string");
  }
  for (const warning of result.warnings) {
    expect(vi.warnings[warning.code], warning.code).toBeTypeOf("string");
    expect(en.warnings[warning.code] ?? en.warnings[`${warning.code}_other`], warning.code).toBeTypeOf(
      "string",
    );
  }
}

const TITLE_TEXT = TITLE_ROWS.map((row) => row.map((cell) => (cell instanceof Date ? null : cell)));
const DATA_ROWS = 6;
const FIRST_DATA = TITLE_TEXT.length + 1; // 0-based index of the first data row

/** A table of fresh rows: a test changes its cells, never the shared title and header rows. */
function dossierTable(): Table {
  const rows = Array.from({ length: DATA_ROWS }, (_, index) => dossierRow(index) as Cell[]);
  return [...TITLE_TEXT, DOSSIER_HEADER_VI, ...rows].map((row) => [...row]);
}

function scoreTable(): Table {
  const rows: Table = [
    [1, "Thành phố Hà Nội", "8,3", "15,2", "3,1", "4,7", "16,9", "10,1", "58,3", "60/63"],
    [2, "Sở Tư pháp", 17, 19, 11, 9.5, 17, 21, 94.5, 1],
    [3, "Sở Xây dựng", 12, 18, 10, 8, 16, 20, 84, 2],
    [4, "UBND phường Ba Đình", 10, 15, 9, 7, 15, 18, 74, 3],
  ];
  return [["KẾT QUẢ BỘ CHỈ SỐ THÁNG 3/2025"], [], [...SCORE_HEADER_VI], ...rows];
}

async function encode(table: Table, format: Format): Promise<Buffer> {
  if (format === "csv") return csv(table, { delimiter: ";", bom: true });
  if (format === "xls") return xls(table);
  return xlsx(table);
}

const DOSSIER_COLUMNS = { code: 1, procedure: 2, received: 5, due: 6, finished: 7, days: 8, unit: 9 };
const BAD_DATES = [
  "abc",
  "31/02/2025",
  "2025-13-01",
  "#N/A",
  "0",
  "12/2025",
  "25:00 01/03/2025",
  "1/1/1",
  "?",
];
const BAD_INTEGERS = ["abc", "-1", "2,5", "#N/A", "1e3", "mười"];
const BAD_SCORES = ["abc", "-1", "1000", "8,333", "#N/A", "x"];

/** A change to a valid table that must either leave the rows as they were or cause an error. */
type Corruption = (table: Table) => void;

const dataRow = fc.integer({ min: 0, max: DATA_ROWS - 1 }).map((index) => FIRST_DATA + index);

function set(table: Table, row: number, column: number, value: Cell): void {
  const cells = table[row];
  if (cells) cells[column] = value;
}

const dossierCorruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc
    .tuple(dataRow, fc.constantFrom(DOSSIER_COLUMNS.received, DOSSIER_COLUMNS.due, DOSSIER_COLUMNS.finished))
    .chain(([row, column]) => fc.constantFrom(...BAD_DATES).map((value) => [row, column, value] as const))
    .map(
      ([row, column, value]) =>
        (table: Table) =>
          set(table, row, column, value),
    ),
  fc.tuple(dataRow, fc.constantFrom(...BAD_INTEGERS)).map(
    ([row, value]) =>
      (table: Table) =>
        set(table, row, DOSSIER_COLUMNS.days, value),
  ),
  fc
    .tuple(
      dataRow,
      fc.constantFrom(
        DOSSIER_COLUMNS.code,
        DOSSIER_COLUMNS.procedure,
        DOSSIER_COLUMNS.received,
        DOSSIER_COLUMNS.due,
        DOSSIER_COLUMNS.unit,
      ),
      fc.constantFrom(null, "", "   "),
    )
    .map(
      ([row, column, blank]) =>
        (table: Table) =>
          set(table, row, column, blank),
    ),
  dataRow.map((row) => (table: Table) => {
    const cells = table[row];
    if (!cells) return;
    [cells[DOSSIER_COLUMNS.received], cells[DOSSIER_COLUMNS.due]] = [
      cells[DOSSIER_COLUMNS.due] ?? null,
      cells[DOSSIER_COLUMNS.received] ?? null,
    ];
  }),
  fc
    .tuple(dataRow, dataRow)
    .filter(([a, b]) => a !== b)
    .map(
      ([row, other]) =>
        (table: Table) =>
          set(table, row, DOSSIER_COLUMNS.code, table[other]?.[1] ?? null),
    ),
  // The row number column is not read: anything may go there.
  fc
    .tuple(dataRow, fc.string({ maxLength: 12 }))
    .map(
      ([row, text]) =>
        (table: Table) =>
          set(table, row, 0, text),
    ),
);

const scoreRow = fc.integer({ min: 0, max: 3 }).map((index) => 3 + index);
const scoreCorruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.tuple(scoreRow, fc.integer({ min: 2, max: 8 }), fc.constantFrom(...BAD_SCORES)).map(
    ([row, column, value]) =>
      (table: Table) =>
        set(table, row, column, value),
  ),
  fc.tuple(scoreRow, fc.constantFrom(1, 8), fc.constantFrom(null, "", "  ")).map(
    ([row, column, blank]) =>
      (table: Table) =>
        set(table, row, column, blank),
  ),
  fc.tuple(scoreRow, fc.constantFrom(1, 5, -7)).map(([row, delta]) => (table: Table) => {
    const total = table[row]?.[8];
    set(table, row, 8, Number(String(total).replace(",", ".")) + delta);
  }),
  fc
    .tuple(scoreRow, scoreRow)
    .filter(([a, b]) => a !== b)
    .map(
      ([row, other]) =>
        (table: Table) =>
          set(table, row, 1, table[other]?.[1] ?? null),
    ),
  fc.tuple(scoreRow, fc.constantFrom("abc", "0", "64/63", "5,5")).map(
    ([row, rank]) =>
      (table: Table) =>
        set(table, row, 9, rank),
  ),
);

function skippedCount(result: ParsedFile): number {
  return result.warnings
    .filter((warning) => warning.code === "totalRowsSkipped" || warning.code === "labelRowsSkipped")
    .reduce((sum, warning) => sum + Number(warning.params?.count ?? 0), 0);
}

const baselines = new Map<string, ParsedFile>();

async function baseline(kind: "dossiers" | "scores", format: Format): Promise<ParsedFile> {
  const key = `${kind}:${format}`;
  let result = baselines.get(key);
  if (!result) {
    result = await parse(await encode(kind === "dossiers" ? dossierTable() : scoreTable(), format));
    expect(result.errors).toEqual([]);
    baselines.set(key, result);
  }
  return result;
}

async function checkCorrupted(kind: "dossiers" | "scores", format: Format, corruptions: Corruption[]) {
  const table = kind === "dossiers" ? dossierTable() : scoreTable();
  for (const corrupt of corruptions) corrupt(table);
  const original = await baseline(kind, format);
  const result = await parse(await encode(table, format));
  expectTranslated(result);
  if (result.errors.length > 0) {
    for (const error of result.errors) {
      if (error.row !== null) expect(error.row).toBeGreaterThan(0);
    }
    return;
  }
  const before = new Map<number, unknown>(original.rows.map((row) => [row.row, row]));
  for (const row of result.rows) expect(row).toEqual(before.get(row.row));
  expect(result.rows.length + skippedCount(result)).toBe(original.rows.length);
}

const format = fc.constantFrom<Format>("csv", "csv", "xlsx", "xls");

describe("a corrupted export", () => {
  it("gives the same dossiers or errors, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        format,
        fc.array(dossierCorruption, { minLength: 1, maxLength: 3 }),
        (fmt, corruptions) => checkCorrupted("dossiers", fmt, corruptions),
      ),
      { numRuns: 60 },
    );
  });

  it("gives the same scores or errors, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        format,
        fc.array(scoreCorruption, { minLength: 1, maxLength: 3 }),
        (fmt, corruptions) => checkCorrupted("scores", fmt, corruptions),
      ),
      { numRuns: 40 },
    );
  });

  it("never throws whatever replaces any cell, the header's included", async () => {
    const anyCell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.double({ noNaN: false }),
      fc.constant(null),
    );
    const edits = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 12 }), anyCell),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Format>("csv", "xlsx"),
        fc.boolean(),
        edits,
        async (fmt, scores, changes) => {
          const table = scores ? scoreTable() : dossierTable();
          for (const [row, column, value] of changes) {
            const cells = table[row % table.length];
            if (cells)
              cells[column] = typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
          }
          const result = await parse(await encode(table, fmt));
          expectTranslated(result);
          expect(result.rows.length).toBeLessThanOrEqual(result.rowCount);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never throws on truncated or random bytes", async () => {
    const whole = await encode(dossierTable(), "xlsx");
    const legacy = await encode(dossierTable(), "xls");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: whole.length }).map((end) => whole.subarray(0, end)),
          fc.integer({ min: 0, max: legacy.length }).map((end) => legacy.subarray(0, end)),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
          fc
            .uint8Array({ maxLength: 300 })
            .map((bytes) => Buffer.concat([Buffer.from("PK\u0003\u0004"), bytes])),
        ),
        async (bytes) => {
          const result = await parse(bytes);
          expectTranslated(result);
        },
      ),
      { numRuns: 80 },
    );
  });
});
