import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED } from "../../src/cli/import-command.js";
import { runUnitsImportCommand } from "../../src/cli/units-command.js";
import type { Locale } from "../../src/config.js";
import { createTranslator } from "../../src/i18n/index.js";
import { csv, type FixtureCell, xlsx } from "../import/fixtures.js";
import { cliProcess } from "../support/cli-process.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/test-database.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SAMPLE = join(root, "samples/units-import-example.csv");
const HEADER = ["STT", "Mã đơn vị", "Tên đơn vị", "Tên tiếng Anh", "Loại", "Mã đơn vị cấp trên"];
const translator = createTranslator("en");

describe(`npm run cli -- units import on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let folder: string;
  const output: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await mkdtemp(join(tmpdir(), "dondoc-units-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await database.drop();
  });
  beforeEach(async () => {
    await database.prisma.auditEvent.deleteMany();
    await database.prisma.importBatch.deleteMany();
    await database.prisma.unit.deleteMany();
  });

  let fileCount = 0;
  async function file(rows: FixtureCell[][] | Buffer, extension = "csv"): Promise<string> {
    fileCount += 1;
    const path = join(folder, `units-${fileCount}.${extension}`);
    await writeFile(path, Buffer.isBuffer(rows) ? rows : csv(rows, { delimiter: ";", bom: true }));
    return path;
  }

  async function run(path: string, options: { dryRun?: boolean; json?: boolean; locale?: Locale } = {}) {
    output.length = 0;
    const locale = options.locale ?? "en";
    return runUnitsImportCommand(
      appContext(database.prisma),
      { files: [path], dryRun: options.dryRun ?? false, json: options.json ?? false },
      { t: translator.forLocale(locale), locale, out: (line) => output.push(line) },
    );
  }

  const json = () => JSON.parse(output.join("\n"));

  async function units() {
    const rows = await database.prisma.unit.findMany({
      orderBy: { code: "asc" },
      select: { code: true, nameVi: true, nameEn: true, kind: true, parent: { select: { code: true } } },
    });
    return rows.map(({ parent, ...unit }) => ({ ...unit, parentCode: parent?.code ?? null }));
  }

  async function counts() {
    return {
      units: await database.prisma.unit.count(),
      audit: await database.prisma.auditEvent.count(),
      batches: await database.prisma.importBatch.count(),
    };
  }

  it("imports the example file: units, parents, kinds, one batch and an audit trail", async () => {
    expect(await run(SAMPLE)).toBe(EXIT_OK);
    expect(output[0]).toBe("File: units-import-example.csv");
    expect(output).toContain("New units: 6; updated: 0; unchanged: 0.");
    expect(output).toContain("  + H26.01 Sở Tư pháp");
    expect(output.at(-1)).toBe("Unit list imported.");
    expect(await units()).toEqual([
      { code: "H26", nameVi: "Thành phố Hà Nội", nameEn: "Hanoi City", kind: "PROVINCE", parentCode: null },
      {
        code: "H26.01",
        nameVi: "Sở Tư pháp",
        nameEn: "Department of Justice",
        kind: "DEPARTMENT",
        parentCode: "H26",
      },
      {
        code: "H26.02",
        nameVi: "Sở Xây dựng",
        nameEn: "Department of Construction",
        kind: "DEPARTMENT",
        parentCode: "H26",
      },
      {
        code: "H26.30",
        nameVi: "Quận Ba Đình",
        nameEn: "Ba Dinh District",
        kind: "DISTRICT",
        parentCode: "H26",
      },
      {
        code: "H26.30.01",
        nameVi: "Phường Phúc Xá",
        nameEn: "Phuc Xa Ward",
        kind: "COMMUNE",
        parentCode: "H26.30",
      },
      {
        code: "H26.30.02",
        nameVi: "Phường Trúc Bạch",
        nameEn: "Truc Bach Ward",
        kind: "COMMUNE",
        parentCode: "H26.30",
      },
    ]);
    const batch = await database.prisma.importBatch.findFirstOrThrow();
    expect(batch).toMatchObject({
      kind: "UNIT_LIST",
      source: "CLI",
      fileName: "units-import-example.csv",
      rowCount: 6,
      summary: { created: 6, updated: 0, unchanged: 0 },
    });
    const audit = await database.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual([
      ...Array(6).fill("unit.created"),
      "unit.listImported",
    ]);
    expect(audit.every((event) => event.actorLabel === "cli")).toBe(true);
    expect(audit.at(-1)).toMatchObject({
      entityType: "ImportBatch",
      entityId: String(batch.id),
      after: { created: 6, updated: 0, unchanged: 0, fileName: "units-import-example.csv" },
    });
    const ward = await database.prisma.unit.findUniqueOrThrow({ where: { code: "H26.30.01" } });
    const district = await database.prisma.unit.findUniqueOrThrow({ where: { code: "H26.30" } });
    expect(audit.find((event) => event.entityId === String(ward.id))?.after).toEqual({
      code: "H26.30.01",
      nameVi: "Phường Phúc Xá",
      nameEn: "Phuc Xa Ward",
      kind: "COMMUNE",
      parentId: district.id,
      by: "unitList",
    });
  });

  it("with --dry-run reports the counts and writes nothing", async () => {
    expect(await run(SAMPLE, { dryRun: true })).toBe(EXIT_OK);
    expect(output).toContain("Would create 6 units, update 0, leave 0 unchanged.");
    expect(output.at(-1)).toBe("The unit list is valid and would be imported (run again without --dry-run).");
    expect(await counts()).toEqual({ units: 0, audit: 0, batches: 0 });
  });

  it("re-imported, leaves unchanged units alone and updates changed ones with before and after", async () => {
    expect(await run(SAMPLE)).toBe(EXIT_OK);
    expect(await run(SAMPLE, { json: true })).toBe(EXIT_OK);
    expect(json()).toEqual({ ok: true, created: 0, updated: 0, unchanged: 6, errors: [] });
    expect(await database.prisma.auditEvent.count({ where: { action: "unit.updated" } })).toBe(0);

    const changed = await file([
      ["Ma don vi", "Ten don vi", "Ten tieng Anh", "Loai", "Ma don vi cap tren"],
      ["H26", "Thành phố Hà Nội", "Hanoi City", "PROVINCE", null],
      ["H26.01", "Sở Tư pháp Hà Nội", "Department of Justice", "Sở", "H26"],
      ["H26.30", "Quận Ba Đình", "Ba Dinh District", "Quận", "H26"],
      ["H26.30.01", "Phường Phúc Xá", "Phuc Xa Ward", "Phường", "H26.30.02"],
      ["H26.30.02", "Phường Trúc Bạch", "Truc Bach Ward", "Phường", "H26.30"],
      ["H26.40", "Huyện Đông Anh", null, null, "H26"],
    ]);
    expect(await run(changed)).toBe(EXIT_OK);
    expect(output).toContain("New units: 1; updated: 2; unchanged: 3.");
    expect(output).toContain("  ~ H26.01 Sở Tư pháp Hà Nội: name");
    expect(output).toContain("  ~ H26.30.01 Phường Phúc Xá: parent unit");
    const justice = await database.prisma.unit.findUniqueOrThrow({ where: { code: "H26.01" } });
    expect(justice).toMatchObject({ nameVi: "Sở Tư pháp Hà Nội", normalizedName: "so tu phap ha noi" });
    const updated = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "unit.updated", entityId: String(justice.id) },
    });
    expect(updated).toMatchObject({
      unitId: justice.id,
      before: { nameVi: "Sở Tư pháp" },
      after: { nameVi: "Sở Tư pháp Hà Nội", by: "unitList" },
    });
    expect(await database.prisma.unit.findUniqueOrThrow({ where: { code: "H26.40" } })).toMatchObject({
      kind: "DISTRICT",
    });
    // Units not in the file (Sở Xây dựng) stay as they are.
    expect(await database.prisma.unit.count()).toBe(7);
  });

  it("gives the code to a known unit of the same name that had none, keeping its kind", async () => {
    const uncoded = await database.prisma.unit.create({
      data: { nameVi: "Sở Xây dựng", normalizedName: "so xay dung", kind: "CENTER" },
    });
    const path = await file([HEADER, [1, "H26.02", "SỞ XÂY DỰNG", null, null, null]]);
    expect(await run(path, { json: true })).toBe(EXIT_OK);
    expect(json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await database.prisma.unit.findUniqueOrThrow({ where: { id: uncoded.id } })).toMatchObject({
      code: "H26.02",
      nameVi: "SỞ XÂY DỰNG",
      kind: "CENTER",
      nameEn: null,
    });
    expect(await database.prisma.unit.count()).toBe(1);
  });

  it("imports an .xlsx with English headers under title rows, parents later in the file", async () => {
    const path = await file(
      await xlsx([
        ["LIST OF UNITS"],
        [],
        ["No.", "Unit code", "Unit name", "English name", "Kind", "Parent code", "Notes"],
        [1, "Q1.P1", "Phường Một", "Ward One", "Ward", "Q1"],
        [2, "Q1", "Quận Một", "District One", null, null],
      ]),
      "xlsx",
    );
    expect(await run(path)).toBe(EXIT_OK);
    expect(output).toContain("Columns not used: Notes.");
    expect(await units()).toEqual([
      { code: "Q1", nameVi: "Quận Một", nameEn: "District One", kind: "DISTRICT", parentCode: null },
      { code: "Q1.P1", nameVi: "Phường Một", nameEn: "Ward One", kind: "COMMUNE", parentCode: "Q1" },
    ]);
  });

  const REJECTIONS: Array<[string, FixtureCell[][], Record<string, unknown>]> = [
    [
      "a missing code",
      [HEADER, [1, null, "Sở Tư pháp", null, null, null]],
      { row: 2, column: "Mã đơn vị", value: null, message: "This cell must not be empty." },
    ],
    [
      "a missing name",
      [HEADER, [1, "H26.01", null, null, null, null]],
      { row: 2, column: "Tên đơn vị", value: null, message: "This cell must not be empty." },
    ],
    [
      "a duplicate code",
      [HEADER, [1, "A", "Đơn vị A", null, null, null], [2, "A", "Đơn vị B", null, null, null]],
      { row: 3, column: "Mã đơn vị", value: "A", message: "This code already appears in row 2." },
    ],
    [
      "a duplicate name",
      [HEADER, [1, "A", "Đơn vị A", null, null, null], [2, "B", "DON VI A", null, null, null]],
      { row: 3, column: "Tên đơn vị", value: "DON VI A", message: "This name already appears in row 2." },
    ],
    [
      "an unknown kind",
      [HEADER, [1, "A", "Đơn vị A", null, "Bộ", null]],
      { row: 2, column: "Loại", value: "Bộ", message: expect.stringContaining("Unknown kind. Write one of") },
    ],
    [
      "an unknown parent code",
      [HEADER, [1, "A", "Đơn vị A", null, null, "ZZ"]],
      {
        row: 2,
        column: "Mã đơn vị cấp trên",
        value: "ZZ",
        message: "No unit has this code, in the file or in the system.",
      },
    ],
    [
      "a unit that is its own parent",
      [HEADER, [1, "A", "Đơn vị A", null, null, "A"]],
      {
        row: 2,
        column: "Mã đơn vị cấp trên",
        value: "A",
        message: "The unit would be its own parent or ancestor: A → A.",
      },
    ],
    [
      "a name another unit has",
      [HEADER, [1, "H26.99", "Sở Tư Pháp", null, null, null]],
      {
        row: 2,
        column: "Tên đơn vị",
        value: "Sở Tư Pháp",
        message: "Another unit already has this name: H26.01 “Sở Tư pháp”.",
      },
    ],
    [
      "a file with no recognisable header",
      [["Danh sách đơn vị"], ["H26.01", "Sở Tư pháp"]],
      { row: null, column: null, value: null, message: expect.stringContaining("No header row found") },
    ],
  ];

  it.each(REJECTIONS)("rejects %s with exit code 2 and writes nothing", async (_name, rows, error) => {
    await database.prisma.unit.create({
      data: { code: "H26.01", nameVi: "Sở Tư pháp", normalizedName: "so tu phap", kind: "DEPARTMENT" },
    });
    // A good row alongside: it is not written either.
    const path = await file([...rows, [9, "OK.1", "Đơn vị hợp lệ", null, null, null]]);
    expect(await run(path, { json: true })).toBe(EXIT_REJECTED);
    expect(json()).toEqual({ ok: false, created: 0, updated: 0, unchanged: 0, errors: [error] });
    expect(await counts()).toEqual({ units: 1, audit: 0, batches: 0 });
  });

  it("prints the errors as sentences, in Vietnamese too", async () => {
    const path = await file([
      HEADER,
      [1, "A", "Đơn vị A", null, null, "ZZ"],
      [2, "A", "Đơn vị B", null, null, null],
    ]);
    expect(await run(path, { locale: "vi" })).toBe(EXIT_REJECTED);
    expect(output).toEqual([
      `Tệp: ${path.split("/").at(-1)}`,
      "Có 2 lỗi, chưa ghi dữ liệu nào:",
      "  - Dòng 2, cột “Mã đơn vị cấp trên”, giá trị “ZZ”: Không có đơn vị nào mang mã này, trong tệp cũng như trong hệ thống.",
      "  - Dòng 3, cột “Mã đơn vị”, giá trị “A”: Mã đơn vị trùng với dòng 2.",
      "Danh mục đơn vị bị từ chối: không có dữ liệu nào được ghi.",
    ]);
  });

  it("exits 1 without exactly one file", async () => {
    output.length = 0;
    const code = await runUnitsImportCommand(
      appContext(database.prisma),
      { files: [], dryRun: false, json: false },
      { t: translator.forLocale("en"), locale: "en", out: (line) => output.push(line) },
    );
    expect(code).toBe(EXIT_FAILED);
    expect(output).toEqual(["Name one file: npm run cli -- units import <file> [--dry-run] [--json]"]);
  });
});

describe("the cli process: units import", () => {
  it("exits 0, 2 and 1 as documented", async () => {
    const child = await cliProcess({ DEFAULT_LOCALE: "en" });
    const { folder } = child;
    const cli = child.run;
    try {
      await writeFile(join(folder, "bad.csv"), csv([HEADER, [1, "A", "Đơn vị A", null, null, "ZZ"]]));
      const dry = await cli(["units", "import", SAMPLE, "--dry-run", "--json"]);
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toEqual({ ok: true, created: 6, updated: 0, unchanged: 0, errors: [] });
      expect((await cli(["units", "import", "bad.csv", "--json"])).code).toBe(2);
      expect((await cli(["units", "import", "missing.csv"])).code).toBe(1);
      expect((await cli(["units", "import", SAMPLE, "--frobnicate"])).code).toBe(1);
      expect((await cli(["units", "list"])).code).toBe(1);
    } finally {
      await child.close();
    }
  }, 120_000);
});
