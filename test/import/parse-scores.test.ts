import { describe, expect, it } from "vitest";
import type { UnitScoreRow } from "../../src/import/types.js";
import { csv, HANOI, HANOI_MARCH_2025, parse, SCORE_HEADER_VI, xlsx } from "./fixtures.js";

const hanoiRow: UnitScoreRow = {
  row: 6,
  unitCode: null,
  unitName: "Thành phố Hà Nội",
  isProvince: true,
  publicity: "8.3",
  progress: "15.2",
  onlineService: "3.1",
  onlinePayment: "4.7",
  satisfaction: "16.9",
  digitisation: "10.1",
  total: "58.3",
  rank: 60,
  rankOutOf: 63,
};

function scoresOf(result: Awaited<ReturnType<typeof parse>>): UnitScoreRow[] {
  expect(result.kind).toBe("UNIT_SCORES");
  return result.kind === "UNIT_SCORES" ? result.rows : [];
}

describe("unit score sheets", () => {
  it("reads the seed's Hanoi March 2025 row under merged title rows, skipping numbering and total rows", async () => {
    const bytes = await xlsx({
      rows: [
        ["BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP TRONG THỰC HIỆN THỦ TỤC HÀNH CHÍNH THÁNG 3/2025"],
        ["(Số liệu tính đến 11 giờ 00 ngày 11/04/2025)"],
        [],
        [...SCORE_HEADER_VI, "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"],
        [...HANOI_MARCH_2025, "Giảm 3,2 điểm"],
        [2, "Sở Tư pháp", "17,5", "19", 11, 9.5, "17", 21, "95", 1, null],
        [null, "Tổng cộng", null, null, null, null, null, null, null, null, null],
      ],
      merges: ["A1:K1", "A2:K2"],
    });
    const result = await parse(bytes, { provinceNames: HANOI });
    expect(result.errors).toEqual([]);
    expect(result.meta).toMatchObject({
      period: { year: 2025, month: 3 },
      asOf: new Date("2025-04-11T04:00:00Z"),
      headerRow: 4,
      ignoredColumns: ["Ghi chú"],
    });
    expect(result.meta.columnHeaders).toMatchObject({ unitName: "Tên đơn vị", total: "Tổng điểm" });
    const rows = scoresOf(result);
    expect(rows[0]).toEqual(hanoiRow);
    expect(rows[1]).toMatchObject({
      row: 7,
      unitName: "Sở Tư pháp",
      publicity: "17.5",
      total: "95",
      rank: 1,
    });
    expect(rows[1]?.isProvince).toBe(false);
    expect(result.rowCount).toBe(2);
    expect(result.warnings).toEqual([
      { code: "columnsIgnored", params: { count: 1, columns: "Ghi chú" } },
      { code: "totalRowsSkipped", params: { count: 1, rows: "8" } },
    ]);
  });

  it("reads accent-free and English headers, decimal commas, blank groups as missing", async () => {
    const accentFree = await xlsx([
      ["Ma don vi", "Ten don vi", "CKMB", "TDGQ", "DVCTT", "TTTT", "MDHL", "MDSH", "Tong diem"],
      ["000.00.20.H26", "Ha Noi", "8,3", "15,2", "3,1", "4,7", "16,9", "10,1", "58,3"],
      ["000.01.20.H26", "So Tu phap", "17", null, "11", "9", "17", "21", "80,5"],
    ]);
    const rows = scoresOf(await parse(accentFree, { provinceNames: HANOI }));
    expect(rows[0]).toMatchObject({
      unitCode: "000.00.20.H26",
      isProvince: true,
      publicity: "8.3",
      total: "58.3",
    });
    expect(rows[1]).toMatchObject({ progress: null, total: "80.5" });

    const english = csv([
      [
        "No.",
        "Agency",
        "Publicity, transparency",
        "Processing progress",
        "Online public services",
        "Online payment",
        "Satisfaction",
        "Digitisation of dossiers",
        "Total",
        "Rank",
      ],
      [1, "Hà Nội", "8.3", "15.2", "3.1", "4.7", "16.9", "10.1", "58.3", "60/63"],
    ]);
    const englishRows = scoresOf(await parse(english, { provinceNames: HANOI }, "scores.csv"));
    expect(englishRows[0]).toEqual({ ...hanoiRow, row: 2, unitName: "Hà Nội" });
  });

  it("rejects out-of-range groups, a total that is not the sum, a total over 100, duplicates and blanks", async () => {
    const bytes = await xlsx([
      SCORE_HEADER_VI,
      [1, "Sở A", 19, 20, 12, 10, 18, 21, 100, 1],
      [2, "Sở B", 10, 10, 10, 10, 10, 10, 70, 2],
      [3, "Sở C", 10, 10, 10, 10, 10, 10, 60.1, 3],
      [4, "Sở D", 10, 10, 10, 10, 10, 10, 60.11, 4],
      [5, "Sở E", null, null, null, null, null, null, 101, 5],
      [6, "Sở C", 10, 10, 10, 10, 10, 10, 60, 6],
      [7, null, 10, 10, 10, 10, 10, 10, 60, 7],
      [8, "Sở F", 10, 10, 10, 10, 10, 10, null, 8],
      [9, "Sở G", -1, 10, 10, 10, 10, 10, 49, 9],
      [10, "Sở H", "mười", 10, 10, 10, 10, 10, 60, "hạng 10"],
    ]);
    const result = await parse(bytes);
    expect(result.errors).toEqual([
      { row: 2, column: "Công khai, minh bạch", value: "19", code: "scoreOutOfRange", params: { max: 18 } },
      { row: 3, column: "Tổng điểm", value: "70", code: "totalMismatch", params: { sum: 60, total: 70 } },
      {
        row: 5,
        column: "Tổng điểm",
        value: "60.11",
        code: "totalMismatch",
        params: { sum: 60, total: 60.11 },
      },
      { row: 6, column: "Tổng điểm", value: "101", code: "scoreOutOfRange", params: { max: 100 } },
      { row: 7, column: "Tên đơn vị", value: "Sở C", code: "duplicateUnit", params: { firstRow: 4 } },
      { row: 8, column: "Tên đơn vị", value: null, code: "required" },
      { row: 9, column: "Tổng điểm", value: null, code: "required" },
      { row: 10, column: "Công khai, minh bạch", value: "-1", code: "scoreOutOfRange", params: { max: 18 } },
      { row: 11, column: "Công khai, minh bạch", value: "mười", code: "invalidNumber" },
      { row: 11, column: "Xếp hạng", value: "hạng 10", code: "invalidRank" },
    ]);
    // 60.1 is within 0.1 of the sum: accepted.
    expect(scoresOf(result).map((row) => row.unitName)).toEqual(["Sở C"]);
    expect(result.rowCount).toBe(10);
  });

  it("reports a missing group column, and a sheet without the province row", async () => {
    const missing = await parse(
      await xlsx([
        ["Tên đơn vị", "Công khai, minh bạch", "Tiến độ giải quyết", "DVCTT", "TTTT", "MDHL", "Tổng điểm"],
        ["Sở A", 1, 2, 3, 4, 5, 15],
      ]),
    );
    expect(missing.kind).toBe("UNIT_SCORES");
    expect(missing.errors).toEqual([
      { row: 1, column: null, value: null, code: "missingColumn", params: { field: "digitisation" } },
    ]);
    expect(missing.rows).toEqual([]);

    const noProvince = await parse(await xlsx([SCORE_HEADER_VI, [1, "Sở A", 1, 2, 3, 4, 5, 6, 21, 1]]), {
      provinceNames: HANOI,
    });
    expect(noProvince.errors).toEqual([]);
    expect(noProvince.warnings).toEqual([
      { code: "provinceRowMissing", params: { names: "Thành phố Hà Nội; Hà Nội" } },
    ]);
  });

  it("skips section headings and notes between units", async () => {
    const result = await parse(
      await xlsx([
        SCORE_HEADER_VI,
        ["I", "CÁC SỞ, BAN, NGÀNH"],
        [1, "Sở A", 1, 2, 3, 4, 5, 6, 21, 1],
        ["II", "UBND CÁC XÃ, PHƯỜNG"],
        [2, "Phường Ba Đình", 1, 2, 3, 4, 5, 6, 21, 1],
        [],
        [null, "Người lập biểu"],
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.row)).toEqual([3, 5]);
    expect(result.warnings).toEqual([{ code: "labelRowsSkipped", params: { count: 3, rows: "2, 4, 7" } }]);
  });
});
