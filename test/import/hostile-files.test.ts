import { describe, expect, it } from "vitest";
import { READ_LIMITS } from "../../src/import/readers/limits.js";
import { parse } from "./fixtures.js";
import {
  endlessRowXlsx,
  largeHtmlXls,
  largeXls,
  longCellCsv,
  longCellXlsx,
  manyRowsCsv,
  manyRowsXlsx,
  unclosedQuoteCsv,
  zipBombXlsx,
} from "./hostile-files.js";

const MAX_MB = READ_LIMITS.maxInflatedBytes / 1024 / 1024;

async function refusal(bytes: Buffer, fileName: string) {
  const result = await parse(bytes, {}, fileName);
  expect(result.rows).toEqual([]);
  expect(result.errors).toHaveLength(1);
  return result.errors[0];
}

describe("files past the reading limits", () => {
  it("refuses an xlsx whose sheet inflates past the limit, whatever size its zip states", async () => {
    const bomb = await zipBombXlsx(MAX_MB + 64);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(bomb, "bomb.xlsx")).toEqual({
      row: null,
      column: null,
      value: null,
      code: "inflatesTooMuch",
      params: { max: MAX_MB },
    });
  });

  it("refuses more rows than the limit, in an xlsx and in a CSV, naming the row", async () => {
    const rows = READ_LIMITS.maxRows + 1;
    const fromXlsx = await refusal(await manyRowsXlsx(rows), "rows.xlsx");
    expect(fromXlsx).toMatchObject({ code: "tooManyRows", params: { max: READ_LIMITS.maxRows } });
    expect(fromXlsx?.row).toBeGreaterThan(READ_LIMITS.maxRows);
    const fromCsv = await refusal(manyRowsCsv(rows), "rows.csv");
    expect(fromCsv).toMatchObject({ code: "tooManyRows", params: { max: READ_LIMITS.maxRows } });
    expect(fromCsv?.row).toBeGreaterThan(READ_LIMITS.maxRows);
  });

  it("refuses a cell longer than Excel holds, at its row", async () => {
    const long = READ_LIMITS.maxCellChars + 1;
    for (const [bytes, name] of [
      [await longCellXlsx(long), "cell.xlsx"],
      [longCellCsv(long), "cell.csv"],
    ] as const) {
      expect(await refusal(bytes, name), name).toEqual({
        row: 6,
        column: null,
        value: null,
        code: "cellTooLong",
        params: { max: READ_LIMITS.maxCellChars },
      });
    }
    // Excel's own limit is still read.
    const atLimit = await parse(longCellCsv(READ_LIMITS.maxCellChars), {}, "cell.csv");
    expect(atLimit.errors.map((error) => error.code)).not.toContain("cellTooLong");
  });

  it("refuses a line that never ends: an unclosed quote in a CSV, an unclosed row in an xlsx", async () => {
    const long = READ_LIMITS.maxRowChars + 1024;
    for (const [bytes, name] of [
      [unclosedQuoteCsv(long), "quote.csv"],
      [await endlessRowXlsx(long), "row.xlsx"],
    ] as const) {
      expect(await refusal(bytes, name), name).toEqual({
        row: 6,
        column: null,
        value: null,
        code: "rowTooLong",
        params: { max: READ_LIMITS.maxRowChars },
      });
    }
  });

  it("refuses an .xls (binary or HTML) too large to load whole, before reading it", async () => {
    const size = READ_LIMITS.maxXlsBytes + 1;
    const limit = { code: "xlsTooLarge", params: { max: READ_LIMITS.maxXlsBytes / 1024 / 1024 } };
    expect(await refusal(largeXls(size), "big.xls")).toMatchObject(limit);
    expect(await refusal(largeHtmlXls(size), "big.xls")).toMatchObject(limit);
  });
});
