import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/index.js";
import { loadLocaleResources, translationKeys } from "../../src/i18n/locales.js";
import { DOSSIER_FIELDS, SCORE_FIELDS } from "../../src/import/headers.js";

const resources = loadLocaleResources();
const vi = translationKeys(resources.vi);
const en = translationKeys(resources.en);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Error and warning codes the reader writes: `code: "x"`, `fail("x")`, `rowIssue(ctx, f, "x")`, ... */
function codesInReader(): { errors: Set<string>; warnings: Set<string> } {
  const errors = new Set<string>();
  const warnings = new Set<string>();
  const files = ["parse", "checks", "values", "row-schema", "score-rows", "dossier-rows"].map(
    (name) => `src/import/${name}.ts`,
  );
  for (const file of [...files, ...sources("src/import/readers")]) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(
      /(?:code: |fail\(|ok: false, code: |rowIssue\(ctx, "\w+", |pushIssue\(ctx, cell, )"(\w+)"/g,
    )) {
      errors.add(match[1] as string);
    }
    for (const match of text.matchAll(/new SkippedRows\("(\w+)"\)/g)) warnings.add(match[1] as string);
  }
  for (const code of [
    "columnsIgnored",
    "provinceRowMissing",
    "daysOverdueMissing",
    "daysOverdueColumnMissing",
  ]) {
    warnings.add(code);
    errors.delete(code);
  }
  errors.delete("custom"); // zod's own issue code, which carries ours in its params
  return { errors, warnings };
}

describe("the import's words", () => {
  it("translate every error and warning the reader writes, in both languages", () => {
    const { errors, warnings } = codesInReader();
    expect(errors.size).toBeGreaterThan(15);
    const missing = [
      ...[...errors].map((code) => `import.errors.${code}`),
      ...[...warnings].map((code) => `import.warnings.${code}`),
    ].filter((key) => !vi.has(key) || !en.has(key));
    expect(missing).toEqual([]);
  });

  it("name every column", () => {
    const missing = [...new Set([...SCORE_FIELDS, ...DOSSIER_FIELDS])]
      .map((field) => `import.columns.${field}`)
      .filter((key) => !vi.has(key) || !en.has(key));
    expect(missing).toEqual([]);
  });

  it("read naturally, with the column named and numbers written per language", () => {
    const translator = createTranslator("vi");
    const viT = translator.forLocale("vi");
    const enT = translator.forLocale("en");
    expect(viT("import.errors.missingColumn", { field: "digitisation" })).toBe("Thiếu cột “Số hóa hồ sơ”.");
    expect(enT("import.errors.missingColumn", { field: "digitisation" })).toBe(
      "The column “Digitisation of dossiers” is missing.",
    );
    expect(viT("import.errors.totalMismatch", { sum: 58.3, total: 61.5 })).toBe(
      "Tổng điểm 61,5 không khớp với tổng điểm của sáu nhóm chỉ số (58,3).",
    );
    expect(viT("import.errors.tooManyErrors", { total: 54000, shown: 1000 })).toBe(
      "Tệp có tất cả 54.000 lỗi; chỉ liệt kê 1.000 lỗi đầu tiên.",
    );
    expect(enT("import.warnings.totalRowsSkipped", { count: 1, rows: "8" })).toBe(
      "Skipped 1 total row (row 8).",
    );
    expect(enT("import.warnings.totalRowsSkipped", { count: 2, rows: "8, 9" })).toBe(
      "Skipped 2 total rows (rows 8, 9).",
    );
  });
});
