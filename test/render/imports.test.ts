import { describe, expect, it } from "vitest";
import type { FileReport, ImportReport } from "../../src/domain/import-report.js";
import { createTranslator } from "../../src/i18n/index.js";
import { describeFile, inertInSpreadsheets, uploadErrorsCsv } from "../../src/render/imports.js";

const scoreSheet = (unknownUnits: string[]): FileReport => ({
  fileName: "bo-chi-so.xlsx",
  kind: "UNIT_SCORES",
  period: "2025-03",
  asOf: new Date("2025-04-11T04:00:00Z"),
  rows: unknownUnits.length,
  units: unknownUnits.length,
  unknownUnits,
  province: null,
  dossiers: { new: 0, changed: 0, unchanged: 0, noLongerListed: 0 },
  becomesCurrent: true,
  ignoredColumns: [],
  warnings: [],
  errors: [],
  result: null,
});

describe("the import preview's words", () => {
  const translator = createTranslator("vi");
  const lines = (locale: "vi" | "en", names: string[]) =>
    describeFile(translator.forLocale(locale), locale, "Asia/Ho_Chi_Minh", scoreSheet(names), {
      html: false,
    });

  it("lists the first ten unknown units and says how many more there are", () => {
    const names = Array.from({ length: 1_210 }, (_, index) => `Xã ${index + 1}`);
    const line = lines("vi", names).find((each) => each.startsWith("Đơn vị chưa có"));
    expect(line).toBe(
      `Đơn vị chưa có trong hệ thống (1.210), sẽ được tạo mới khi xác nhận: ${names.slice(0, 10).join("; ")}; … và 1.200 đơn vị khác`,
    );
    expect(lines("en", names).join("\n")).toContain("Xã 10; … and 1,200 more");
  });

  it("names them all when there are ten or fewer", () => {
    const names = Array.from({ length: 10 }, (_, index) => `Xã ${index + 1}`);
    expect(lines("en", names).join("\n")).toContain(`${names.join("; ")}`);
    expect(lines("en", names).join("\n")).not.toContain("more");
  });
});

describe("the error file sent back", () => {
  const t = createTranslator("en").forLocale("en");
  const report = (value: string, column = "Mã hồ sơ"): ImportReport => ({
    ok: false,
    committed: false,
    errorCount: 1,
    files: [
      {
        ...scoreSheet([]),
        errors: [{ row: 7, column, value, code: "invalidDate" }],
      },
    ],
  });
  const dataLine = (csv: string) => csv.split("\r\n")[1] ?? "";

  it("keeps values a spreadsheet would run as a formula from running (OWASP CSV injection)", () => {
    const cases: Array<[string, string]> = [
      ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
      ["+1+2", "'+1+2"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\t=1", "'\t=1"],
      ["\r=1", "'\r=1"],
    ];
    for (const [value, shown] of cases) {
      expect(inertInSpreadsheets(value)).toBe(shown);
      const line = dataLine(uploadErrorsCsv(t, report(value)));
      expect(line.startsWith("7,Mã hồ sơ,"), JSON.stringify(line)).toBe(true);
      // The cell, quoted when it must be, starts with the apostrophe.
      expect(line.slice("7,Mã hồ sơ,".length).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    // A column name from the upload is treated the same.
    expect(dataLine(uploadErrorsCsv(t, report("x", "=cmd|' /C calc'!A0")))).toMatch(/^7,'=cmd/);
  });

  it("leaves ordinary values as they are", () => {
    for (const value of ["31/02/2025", "HS-1", "Nguyễn Văn An", "1-2", "a=b"]) {
      expect(inertInSpreadsheets(value)).toBe(value);
    }
    expect(dataLine(uploadErrorsCsv(t, report("31/02/2025")))).toMatch(/^7,Mã hồ sơ,31\/02\/2025,/);
  });
});
