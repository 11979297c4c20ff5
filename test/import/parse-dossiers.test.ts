import { describe, expect, it } from "vitest";
import type { DossierRow } from "../../src/import/types.js";
import {
  csv,
  DOSSIER_HEADER_VI,
  dossierRow,
  type FixtureCell,
  parse,
  TITLE_ROWS,
  xls,
  xlsx,
} from "./fixtures.js";

function dossiersOf(result: Awaited<ReturnType<typeof parse>>): DossierRow[] {
  expect(result.kind).toBe("OVERDUE_DOSSIERS");
  return result.kind === "OVERDUE_DOSSIERS" ? result.rows : [];
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

describe("overdue dossier lists", () => {
  it("reads a full row under title rows with merged cells", async () => {
    const bytes = await xlsx({
      rows: [...TITLE_ROWS, DOSSIER_HEADER_VI, dossierRow(0, { finished: "05/04/2025 09:15" })],
      merges: ["A1:L1", "A2:L2", "A3:L3"],
    });
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
    expect(result.meta).toMatchObject({
      period: { year: 2025, month: 3 },
      asOf: new Date("2025-04-11T04:00:00Z"),
      headerRow: 5,
      ignoredColumns: [],
    });
    expect(dossiersOf(result)).toEqual([
      {
        row: 6,
        code: "000.00.20.H26-250301-0000",
        procedureName: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        field: "Đất đai",
        applicantName: "Nguyễn Văn An",
        receivedAt: new Date("2025-02-01T01:30:00Z"),
        dueAt: new Date("2025-03-01T10:00:00Z"),
        finishedAt: new Date("2025-04-05T02:15:00Z"),
        daysOverdue: 5,
        unitRef: "UBND phường Hoàn Kiếm",
        handlerName: "Trần Thị Bình",
        portalStatus: "Đang xử lý",
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("reads real date cells, serial numbers and every text form as Hanoi wall-clock times", async () => {
    const received: FixtureCell[] = [
      new Date(Date.UTC(2025, 3, 11, 11, 0)), // a date cell: its UTC fields are the wall clock
      45758.458333333336, // a serial number in a General cell
      "11/04/2025 11:00",
      "11/04/2025 11:00:00",
      "11-04-2025 11:00",
      "11.04.2025 11:00",
      "2025-04-11 11:00",
      "11:00 11/04/2025",
      "11/4/2025 11:00",
    ];
    const bytes = await xlsx({
      rows: [
        DOSSIER_HEADER_VI,
        ...received.map((cell, index) => dossierRow(index, { received: cell, due: "30/04/2025" })),
      ],
      formats: { F: "dd/mm/yyyy hh:mm" },
    });
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
    const rows = dossiersOf(result);
    expect(rows.map((row) => iso(row.receivedAt))).toEqual(received.map(() => "2025-04-11T04:00:00.000Z"));
    expect(iso(rows[0]?.dueAt)).toBe("2025-04-29T17:00:00.000Z");
  });

  it("reads 04/05/2025 as 4 May", async () => {
    const bytes = await xlsx([
      DOSSIER_HEADER_VI,
      dossierRow(0, { received: "04/05/2025", due: "05/06/2025" }),
    ]);
    const [row] = dossiersOf(await parse(bytes));
    expect(iso(row?.receivedAt)).toBe("2025-05-03T17:00:00.000Z");
    expect(iso(row?.dueAt)).toBe("2025-06-04T17:00:00.000Z");
  });

  it("reads accent-free headers in another order, listing the extra column", async () => {
    const bytes = await xlsx([
      ["Don vi xu ly", "Ma ho so", "Ghi chu", "Han xu ly", "Ngay tiep nhan", "Ten thu tuc"],
      ["Sở Xây dựng", "HS-001", "gọi lại", "15/03/2025", "01/03/2025", "Cấp phép xây dựng"],
    ]);
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
    expect(result.meta.ignoredColumns).toEqual(["Ghi chu"]);
    expect(dossiersOf(result)[0]).toMatchObject({
      row: 2,
      code: "HS-001",
      unitRef: "Sở Xây dựng",
      procedureName: "Cấp phép xây dựng",
      field: null,
      finishedAt: null,
      daysOverdue: null,
    });
    expect(result.warnings).toEqual([
      { code: "columnsIgnored", params: { count: 1, columns: "Ghi chu" } },
      { code: "daysOverdueColumnMissing", params: { count: 1, firstRow: 2 } },
    ]);
  });

  it("rejects each bad row, naming row, column and value", async () => {
    const bytes = await xlsx([
      ["Báo cáo hồ sơ quá hạn"],
      DOSSIER_HEADER_VI,
      dossierRow(0),
      dossierRow(1, { due: "01/02/2025" }), // due before received (02/02/2025 08:30)
      dossierRow(2, { finished: "01/01/2025" }),
      dossierRow(3, { code: "000.00.20.H26-250301-0000" }), // row 3's code again
      dossierRow(4, { procedure: null }),
      dossierRow(5, { received: "31/02/2025" }),
      dossierRow(6, { days: -2 }),
      dossierRow(7, { days: "nhiều" }),
      dossierRow(8, { unit: "  " }),
      dossierRow(9, { due: "hôm qua" }),
      dossierRow(10, { days: null }),
    ]);
    const result = await parse(bytes);
    expect(result.errors).toEqual([
      { row: 4, column: "Ngày hẹn trả", value: "01/02/2025", code: "dueBeforeReceived" },
      { row: 5, column: "Ngày kết thúc", value: "01/01/2025", code: "finishedBeforeReceived" },
      {
        row: 6,
        column: "Mã hồ sơ",
        value: "000.00.20.H26-250301-0000",
        code: "duplicateCode",
        params: { firstRow: 3 },
      },
      { row: 7, column: "Tên thủ tục hành chính", value: null, code: "required" },
      { row: 8, column: "Ngày tiếp nhận", value: "31/02/2025", code: "invalidDate" },
      { row: 9, column: "Số ngày quá hạn", value: "-2", code: "negativeNumber" },
      { row: 10, column: "Số ngày quá hạn", value: "nhiều", code: "invalidNumber" },
      { row: 11, column: "Đơn vị xử lý", value: null, code: "required" },
      { row: 12, column: "Ngày hẹn trả", value: "hôm qua", code: "invalidDate" },
    ]);
    expect(dossiersOf(result).map((row) => row.row)).toEqual([3, 13]);
    expect(result.rowCount).toBe(11);
    expect(result.warnings).toEqual([{ code: "daysOverdueMissing", params: { count: 1, firstRow: 13 } }]);
  });

  it("compares a bare due date by day, not by the minute", async () => {
    const bytes = await xlsx([
      DOSSIER_HEADER_VI,
      dossierRow(0, { received: "11/04/2025 10:00", due: "11/04/2025" }),
    ]);
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
  });

  it("skips a total row whatever its case and accents", async () => {
    for (const label of ["Tổng cộng", "TONG CONG", "Tổng", "Total", "Tổng cộng:"]) {
      const bytes = await xlsx([
        DOSSIER_HEADER_VI,
        dossierRow(0),
        [label, null, null, null, null, null, null, null, 5],
      ]);
      const result = await parse(bytes);
      expect(result.errors, label).toEqual([]);
      expect(result.rows).toHaveLength(1);
      expect(result.warnings).toEqual([{ code: "totalRowsSkipped", params: { count: 1, rows: "3" } }]);
    }
  });

  it("keeps the first errors and counts them all", async () => {
    const rows = Array.from({ length: 30 }, (_, index) => dossierRow(index, { received: "không rõ" }));
    const result = await parse(await xlsx([DOSSIER_HEADER_VI, ...rows]), { maxErrors: 5 });
    expect(result.errors).toHaveLength(6);
    expect(result.errors[4]).toMatchObject({ row: 6, code: "invalidDate" });
    expect(result.errors[5]).toEqual({
      row: null,
      column: null,
      value: null,
      code: "tooManyErrors",
      params: { shown: 5, total: 30 },
    });
    expect(result.rowCount).toBe(30);
  });

  it("reports progress every thousand rows", async () => {
    const rows = Array.from({ length: 2500 }, (_, index) => dossierRow(index));
    const seen: number[] = [];
    const result = await parse(
      csv([DOSSIER_HEADER_VI, ...rows]),
      { onProgress: (n) => seen.push(n) },
      "ho-so.csv",
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(2500);
    expect(seen).toEqual([1000, 2000, 2500]);
  });

  it("uses the first sheet that has a header", async () => {
    const bytes = await xlsx({
      sheetsBefore: [[["Hướng dẫn sử dụng"], ["Không có dữ liệu ở trang này"]]],
      rows: [DOSSIER_HEADER_VI, dossierRow(0)],
    });
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });
});

describe("files that cannot be read", () => {
  it("reports a file without a header", async () => {
    const result = await parse(await xlsx([["Báo cáo"], ["Sở A", 1, 2]]));
    expect(result.errors).toEqual([
      { row: null, column: null, value: null, code: "noHeader", params: { rows: 20 } },
    ]);
    expect(result.rows).toEqual([]);
  });

  it("looks for the header in the first 20 rows only", async () => {
    const titles = Array.from({ length: 20 }, (_, index) => [`Dòng tiêu đề ${index + 1}`]);
    const late = await parse(await xlsx([...titles, DOSSIER_HEADER_VI, dossierRow(0)]));
    expect(late.errors.map((error) => error.code)).toEqual(["noHeader"]);
    const inTime = await parse(await xlsx([...titles.slice(1), DOSSIER_HEADER_VI, dossierRow(0)]));
    expect(inTime.errors).toEqual([]);
  });

  it("reports unreadable bytes, whatever the file is called", async () => {
    const cases: [string, Buffer][] = [
      ["empty.xlsx", Buffer.alloc(0)],
      ["binary.xlsx", Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00])],
      ["broken.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 7)])],
      [
        "broken.xls",
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      ],
      ["latin1.csv", Buffer.from("M\xe3 h\xf4 s\xf4;T\xean", "latin1")],
    ];
    for (const [fileName, bytes] of cases) {
      const result = await parse(bytes, {}, fileName);
      expect(result.errors, fileName).toEqual([
        { row: null, column: null, value: null, code: "unreadableFile" },
      ]);
      expect(result.fileName).toBe(fileName);
    }
  });

  it("tells the format by content, not by name", async () => {
    const workbook = await xlsx([DOSSIER_HEADER_VI, dossierRow(0)]);
    expect((await parse(workbook, {}, "danh-sach.csv")).rows).toHaveLength(1);
    const text = csv([DOSSIER_HEADER_VI, dossierRow(0)]);
    expect((await parse(text, {}, "danh-sach.xlsx")).rows).toHaveLength(1);
    const legacy = xls([DOSSIER_HEADER_VI, dossierRow(0)]);
    expect((await parse(legacy, {}, "danh-sach.xlsx")).rows).toHaveLength(1);
  });
});
