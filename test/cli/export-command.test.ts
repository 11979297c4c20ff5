import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runExportCommand } from "../../src/cli/export-command.js";
import { EXIT_FAILED, EXIT_OK } from "../../src/cli/import-command.js";
import { createTranslator } from "../../src/i18n/index.js";
import { digestDeps } from "../support/digest-deps.js";
import { DIGEST_AT, digestWorld } from "../support/digest-world.js";
import { describeDatabase } from "../support/test-database.js";

describeDatabase("npm run cli -- export", (database) => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "dondoc-export-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("writes the month's workbook (to --out, else under its own name), refuses a bad month and a month with no list", async () => {
    const db = database().prisma;
    await digestWorld(db);
    const lines: string[] = [];
    const io = {
      t: createTranslator("en").forLocale("en"),
      locale: "en" as const,
      out: (line: string) => lines.push(line),
      resolvePath: (path: string) => join(folder, path),
    };
    const deps = digestDeps(db, DIGEST_AT);

    expect(await runExportCommand(deps, ["--period", "2031-03", "--out", "march.xlsx"], io)).toBe(EXIT_OK);
    expect(lines).toEqual([
      `Wrote ${join(folder, "march.xlsx")}: March 2031 list, 3 units, 7 dossiers, figures as of 14 Apr 2031, 08:00.`,
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, "march.xlsx"));
    expect(workbook.getWorksheet("Dossiers")?.rowCount).toBe(8);

    expect(await runExportCommand(deps, [], io)).toBe(EXIT_OK);
    lines.length = 0;
    expect(await runExportCommand(deps, ["--period", "2031-3"], io)).toBe(EXIT_FAILED);
    expect(await runExportCommand(deps, ["--period", "2030-01"], io)).toBe(EXIT_FAILED);
    expect(lines).toEqual([
      "Not a month: 2031-3 (use YYYY-MM, e.g. 2025-03).",
      "Use: npm run cli -- export [--period YYYY-MM] [--out file.xlsx]",
      "There is no overdue list for January 2030.",
    ]);
    expect((await readdir(folder)).sort()).toEqual(["compliance-digest-2031-03.xlsx", "march.xlsx"]);
  });
});
