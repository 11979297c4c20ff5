import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  columnIndex,
  decodeXmlText,
  type SheetContext,
  streamSheetRows,
  TextPool,
} from "../../src/import/readers/sheet-xml.js";
import type { SheetRow } from "../../src/import/readers/types.js";
import { DOSSIER_HEADER_VI, dossierRow, parse, reorderXlsx } from "./fixtures.js";

const context: SheetContext = {
  sharedString: (index) => ["Mã hồ sơ", "Sở Tư pháp"][index] ?? null,
  isDateStyle: (style) => style === 2,
  date1904: false,
  texts: new TextPool(),
};

const SHEET = [
  '<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>',
  '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>Hạn </t></r><r><t xml:space="preserve">xử lý</t></r></is></c></row>',
  '<row r="3"/>',
  '<row r="4"><c r="A4" t="str"><f>A1</f><v>A &amp; B &lt;1&gt; &#273;&#x1EA1;</v></c><c r="B4" s="2"><v>45758.458333333336</v></c><c r="C4" t="b"><v>1</v></c></row>',
  '<row><c><v>8.3</v></c><c t="e"><v>#N/A</v></c><c/><c t="d"><v>2025-04-11T11:00:00</v></c><c t="s"><v>1</v></c></row>',
  '</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>',
].join("");

const EXPECTED: SheetRow[] = [
  { number: 1, cells: ["Mã hồ sơ", null, "Hạn xử lý"] },
  { number: 3, cells: [] },
  {
    number: 4,
    cells: ["A & B <1> đạ", { year: 2025, month: 4, day: 11, hour: 11, minute: 0, second: 0 }, true],
  },
  {
    number: 5,
    cells: [
      8.3,
      "#N/A",
      null,
      { year: 2025, month: 4, day: 11, hour: 11, minute: 0, second: 0 },
      "Sở Tư pháp",
    ],
  },
];

async function readAll(chunks: (Buffer | string)[]): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const batch of streamSheetRows(source(), context)) rows.push(...batch);
  return rows;
}

describe("worksheet XML", () => {
  it("reads shared, inline, rich, formula, boolean, error, date and ISO-date cells", async () => {
    expect(await readAll([SHEET])).toEqual(EXPECTED);
  });

  it("reads the same rows whatever the chunks, a UTF-8 character cut in two included", async () => {
    const bytes = Buffer.from(SHEET, "utf8");
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(await readAll(chunks), `chunks of ${size}`).toEqual(EXPECTED);
    }
  });

  it("decodes XML entities and cell addresses", () => {
    expect(decodeXmlText("a &amp;&quot;&apos; &#8364; &#x20AC; &bogus;")).toBe("a &\"' € € &bogus;");
    expect(columnIndex("A1")).toBe(0);
    expect(columnIndex("Z9")).toBe(25);
    expect(columnIndex("AA10")).toBe(26);
    expect(columnIndex("12")).toBe(-1);
  });

  it("keeps one copy of each repeated text, composed", () => {
    const pool = new TextPool();
    const decomposed = "Ho\u0302\u0300 so\u031b";
    expect(pool.intern(decomposed)).toBe("Hồ sơ");
    expect(pool.intern(`${decomposed}`)).toBe(pool.intern(decomposed));
  });
});

describe("the parts of an .xlsx zip", () => {
  it("are read in whatever order the zip holds them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data");
    sheet.addRow(DOSSIER_HEADER_VI);
    const row = sheet.addRow(
      dossierRow(0, { received: new Date(Date.UTC(2025, 3, 11, 11, 0)), due: "30/04/2025" }),
    );
    row.getCell(6).numFmt = "dd/mm/yyyy hh:mm";
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const orders = [
      // Shared strings and styles first: the sheet is read as it streams past.
      [
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
      ],
      // Shared strings first, the sheet list and styles after the sheet.
      ["xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"],
      // The sheet first, as Excel writes it: exceljs parks it in a temp file.
      ["xl/worksheets/sheet1.xml"],
    ];
    for (const first of orders) {
      const result = await parse(reorderXlsx(bytes, first));
      expect(result.errors, first.join(", ")).toEqual([]);
      expect(
        result.rows.map((parsed) => ("receivedAt" in parsed ? parsed.receivedAt.toISOString() : "")),
      ).toEqual(["2025-04-11T04:00:00.000Z"]);
    }
  });
});
