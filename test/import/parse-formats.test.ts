import { describe, expect, it } from "vitest";
import { csv, DOSSIER_HEADER_VI, dossierRow, HANOI, parse, SCORE_HEADER_VI, xls } from "./fixtures.js";

describe("CSV", () => {
  it("reads UTF-8 with a BOM, semicolons and quoted fields holding commas and line breaks", async () => {
    const bytes = csv(
      [
        ["Danh sách hồ sơ quá hạn tháng 03/2025"],
        DOSSIER_HEADER_VI,
        dossierRow(0, { procedure: "Đăng ký khai sinh; kết hôn", applicant: "Công ty TNHH A, B & C" }),
        dossierRow(1, { procedure: 'Cấp "giấy phép"\nxây dựng', field: "Xây dựng,\r\nquy hoạch" }),
        dossierRow(2),
      ],
      { delimiter: ";", bom: true },
    );
    const result = await parse(bytes, {}, "ho-so.csv");
    expect(result.errors).toEqual([]);
    expect(result.meta.period).toEqual({ year: 2025, month: 3 });
    expect(result.meta.headerRow).toBe(2);
    expect(result.kind).toBe("OVERDUE_DOSSIERS");
    if (result.kind !== "OVERDUE_DOSSIERS") return;
    const [first, second, third] = result.rows;
    expect(first).toMatchObject({
      row: 3,
      procedureName: "Đăng ký khai sinh; kết hôn",
      applicantName: "Công ty TNHH A, B & C",
    });
    // Line breaks inside a cell become spaces; the row is the line the record starts on.
    expect(second).toMatchObject({
      row: 4,
      procedureName: 'Cấp "giấy phép" xây dựng',
      field: "Xây dựng, quy hoạch",
    });
    expect(third?.row).toBe(7); // record 4 spans lines 4 to 6
    expect(third?.receivedAt.toISOString()).toBe("2025-02-03T01:30:00.000Z");
  });

  it("reads comma- and tab-separated files, with or without a BOM", async () => {
    const rows = [
      SCORE_HEADER_VI,
      [1, "Thành phố Hà Nội", "8,3", "15,2", "3,1", "4,7", "16,9", "10,1", "58,3", "60/63"],
    ];
    for (const options of [
      { delimiter: "," },
      { delimiter: "\t", bom: true },
      { delimiter: ";", eol: "\n" },
    ]) {
      const result = await parse(csv(rows, options), { provinceNames: HANOI }, "diem.csv");
      expect(result.errors, JSON.stringify(options)).toEqual([]);
      expect(result.rows[0]).toMatchObject({
        row: 2,
        total: "58.3",
        isProvince: true,
        rank: 60,
        rankOutOf: 63,
      });
    }
  });

  it("reports a broken quote as an unreadable file at its line", async () => {
    const text = `${DOSSIER_HEADER_VI.join(",")}\nHS-1,"Cấp phép,01/03/2025\n`;
    const result = await parse(Buffer.from(text), {}, "broken.csv");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: "unreadableFile" });
  });

  it("reads Excel's Unicode text (UTF-16 with a BOM)", async () => {
    const text = [DOSSIER_HEADER_VI.join("\t"), dossierRow(0).join("\t")].join("\r\n");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const result = await parse(bytes, {}, "ho-so.txt");
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });
});

describe("legacy .xls", () => {
  it("reads a BIFF8 workbook with title rows, date-formatted serials and text dates", async () => {
    const bytes = xls([
      ["DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG 3/2025"],
      ["(Số liệu tính đến 11 giờ 00 ngày 11/04/2025)"],
      DOSSIER_HEADER_VI,
      [
        1,
        "HS-001",
        "Cấp phép",
        null,
        null,
        { serial: 45758.458333333336, format: "dd/mm/yyyy hh:mm" },
        "30/04/2025",
        null,
        3,
        "Sở Xây dựng",
        null,
        null,
      ],
      [
        2,
        "HS-002",
        "Cấp phép",
        null,
        null,
        45758.458333333336,
        "30/04/2025",
        null,
        3,
        "Sở Xây dựng",
        null,
        null,
      ],
      ["Tổng cộng", null, null, null, null, null, null, null, 6],
    ]);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const result = await parse(bytes, {}, "ho-so.xls");
    expect(result.errors).toEqual([]);
    expect(result.meta).toMatchObject({ period: { year: 2025, month: 3 }, headerRow: 3 });
    expect(result.meta.asOf?.toISOString()).toBe("2025-04-11T04:00:00.000Z");
    expect(result.rows.map((row) => ("receivedAt" in row ? row.receivedAt.toISOString() : null))).toEqual([
      "2025-04-11T04:00:00.000Z",
      "2025-04-11T04:00:00.000Z",
    ]);
    expect(result.warnings).toEqual([{ code: "totalRowsSkipped", params: { count: 1, rows: "6" } }]);
  });

  it("reads a score sheet saved as .xls, float noise and all", async () => {
    const bytes = xls([
      SCORE_HEADER_VI,
      [1, "Thành phố Hà Nội", 8.300000000000001, 15.2, 3.1, 4.7, 16.9, 10.1, 58.3, "60/63"],
    ]);
    const result = await parse(bytes, { provinceNames: HANOI }, "diem.xls");
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      publicity: "8.3",
      total: "58.3",
      isProvince: true,
      rankOutOf: 63,
    });
  });

  it("reads an HTML table saved under an .xls name, as some portals do", async () => {
    const bytes = xls(
      [DOSSIER_HEADER_VI, dossierRow(0, { received: "04/05/2025 08:00", due: "06/05/2025" })],
      "html",
    );
    const result = await parse(bytes, {}, "ho-so.xls");
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ code: "000.00.20.H26-250301-0000" });
    expect(result.rows[0] && "receivedAt" in result.rows[0] && result.rows[0].receivedAt.toISOString()).toBe(
      "2025-05-04T01:00:00.000Z",
    );
  });
});
