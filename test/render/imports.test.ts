import { describe, expect, it } from "vitest";
import type { FileReport } from "../../src/domain/import-report.js";
import { createTranslator } from "../../src/i18n/index.js";
import { describeFile } from "../../src/render/imports.js";

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
