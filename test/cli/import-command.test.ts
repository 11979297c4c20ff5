import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED, runImportCommand } from "../../src/cli/import-command.js";
import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import { createTranslator } from "../../src/i18n/index.js";
import { CalendarRepository } from "../../src/repositories/calendar.js";
import { cliProcess } from "../support/cli-process.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/test-database.js";

const zone = "Asia/Ho_Chi_Minh";
const _root = fileURLToPath(new URL("../..", import.meta.url));
const SCORES = [
  "STT;Mã đơn vị;Tên đơn vị;Cong khai minh bach;Tien do giai quyet;Dich vu cong truc tuyen;Thanh toan truc tuyen;Muc do hai long;So hoa ho so;Tong diem",
  "1;H26.01;Sở Tư pháp;10,5;12;6;5;15;11;59,5",
].join("\n");
const DOSSIERS = [
  "STT,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Số ngày quá hạn,Đơn vị xử lý",
  "1,000.00.20.H26-250301-0001,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Nguyễn Văn An,03/03/2025,10/03/2025,,,H26.01",
  "2,000.00.20.H26-250301-0002,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Lê Thị Hoa,03/03/2025,01/03/2025,,,H26.01",
].join("\n");

describe(`npm run cli -- import on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let folder: string;
  const output: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "dondoc-cli-"));
    await writeFile(join(folder, "scores.csv"), `\uFEFF${SCORES}`);
    await writeFile(join(folder, "dossiers.csv"), DOSSIERS);
    await writeFile(join(folder, "dossiers-ok.csv"), DOSSIERS.split("\n").slice(0, 2).join("\n"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  // Each test on a database of its own, so that it passes alone and in any order.
  beforeEach(async () => {
    database = await createTestDatabase();
    await new CalendarRepository(database.prisma).seed(VN_CALENDAR_DAYS);
  });
  afterEach(() => database.drop());

  /** The unit the dossier lists name, as importing scores.csv would add it. */
  const addTheUnit = () =>
    database.prisma.unit.create({
      data: { code: "H26.01", nameVi: "Sở Tư pháp", normalizedName: "so tu phap" },
    });

  const run = async (
    files: string[],
    options: { dryRun?: boolean; json?: boolean; createUnits?: boolean; period?: string; asOf?: string } = {},
  ) => {
    output.length = 0;
    return runImportCommand(
      appContext(database.prisma),
      { timeZone: zone, provinceName: null },
      {
        files: files.map((name) => join(folder, name)),
        dryRun: options.dryRun ?? false,
        json: options.json ?? false,
        createUnits: options.createUnits ?? false,
        period: options.period,
        asOf: options.asOf,
      },
      {
        t: createTranslator("en").forLocale("en"),
        locale: "en",
        out: (line) => output.push(line),
        isTerminal: false,
      },
    );
  };

  it("asks for the period and as-of time when the file has no title rows, and writes nothing", async () => {
    expect(await run(["scores.csv"], { json: true, createUnits: true })).toBe(EXIT_REJECTED);
    const result = JSON.parse(output.join("\n"));
    expect(result.errors.map((error: { code: string }) => error.code)).toEqual([
      "missingPeriod",
      "missingAsOf",
    ]);
    expect(await database.prisma.unit.count()).toBe(0);
  });

  it("refuses bad options and files it cannot read, each with a message of its own, and writes nothing", async () => {
    const valid = { createUnits: true, period: "2025-03", asOf: "2025-04-11 11:00" };
    expect(await run([], valid)).toBe(EXIT_FAILED);
    expect(output).toEqual(["Name at least one file: npm run cli -- import <file...>"]);
    expect(await run(["scores.csv"], { ...valid, period: "2025-13", asOf: "11/04/2025" })).toBe(EXIT_FAILED);
    expect(output).toEqual([
      "--period must be YYYY-MM, for example 2025-03",
      '--as-of must be "YYYY-MM-DD HH:mm", for example "2025-04-11 11:00"',
    ]);
    expect(await run(["scores.csv"], { ...valid, asOf: "2025-02-30 11:00" })).toBe(EXIT_FAILED);
    expect(output).toEqual(["--as-of 2025-02-30 11:00 is not a real date and time"]);
    expect(await run(["scores.csv", "missing.csv", "."], valid)).toBe(EXIT_FAILED);
    expect(output).toEqual([
      `Cannot read ${join(folder, "missing.csv")}: no such file. Nothing was written.`,
      `Cannot read ${folder}: it is a folder, not a file. Nothing was written.`,
    ]);
    expect(await database.prisma.unit.count()).toBe(0);
  });

  it("needs --create-units for units it does not know, then imports; --dry-run writes nothing", async () => {
    const options = { period: "2025-03", asOf: "2025-04-11 11:00" };
    expect(await run(["scores.csv"], options)).toBe(EXIT_REJECTED);
    expect(output.join("\n")).toContain("--create-units");
    expect(await run(["scores.csv"], { ...options, createUnits: true, dryRun: true })).toBe(EXIT_OK);
    expect(output.at(-1)).toBe("The file is valid and would be imported (run again without --dry-run).");
    expect(await database.prisma.unit.count()).toBe(0);
    expect(await run(["scores.csv"], { ...options, createUnits: true })).toBe(EXIT_OK);
    expect(output.at(-1)).toBe("Imported.");
    expect(await database.prisma.unit.count()).toBe(1);
  });

  it("prints one JSON object with row errors and exits 2 on a bad file", async () => {
    await addTheUnit();
    const code = await run(["dossiers.csv"], { json: true, period: "2025-03", asOf: "2025-04-11 11:00" });
    expect(code).toBe(EXIT_REJECTED);
    const result = JSON.parse(output.join("\n"));
    expect(result).toMatchObject({
      ok: false,
      kind: "OVERDUE_DOSSIERS",
      period: "2025-03",
      asOf: "2025-04-11T04:00:00.000Z",
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        row: 3,
        code: "dueBeforeReceived",
        value: "01/03/2025",
        message: expect.any(String),
      }),
    ]);
    expect(await database.prisma.dossier.count()).toBe(0);
  });

  it("imports a good dossier list and reports the counts as JSON", async () => {
    await addTheUnit();
    const code = await run(["dossiers-ok.csv"], { json: true, period: "2025-03", asOf: "2025-04-11 11:00" });
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(output.join("\n"))).toMatchObject({
      ok: true,
      dossiers: 1,
      created: 1,
      updated: 0,
      noLongerListed: 0,
    });
  });
});

describe("the cli process", () => {
  it("exits 0, 2 and 1 as documented", async () => {
    const child = await cliProcess();
    const { folder } = child;
    const cli = child.run;
    try {
      await writeFile(join(folder, "scores.csv"), SCORES);
      const dry = await cli([
        "import",
        "scores.csv",
        "--period",
        "2025-03",
        "--as-of",
        "2025-04-11 11:00",
        "--create-units",
        "--dry-run",
        "--json",
      ]);
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({
        ok: true,
        unknownUnits: ["Sở Tư pháp"],
        committed: false,
      });
      expect((await cli(["import", "scores.csv", "--json"])).code).toBe(2);
      expect((await cli(["import", "missing.csv"])).code).toBe(1);
      expect((await cli(["frobnicate"])).code).toBe(1);
      // Refusals are in the configured language (Vietnamese by default), and JSON with --json.
      expect(await cli(["import", "scores.csv", "--bogus"])).toEqual({
        code: 1,
        stdout: "Không có tùy chọn --bogus. Xem cách dùng: npm run cli\n",
      });
      expect((await cli(["import", "scores.csv", "--period"])).stdout).toBe(
        "Tùy chọn --period cần một giá trị đi kèm\n",
      );
      const missing = await cli(["import", "missing.csv", "--json"]);
      expect(missing.code).toBe(1);
      expect(JSON.parse(missing.stdout)).toMatchObject({
        ok: false,
        committed: false,
        errors: [{ row: null, message: expect.stringContaining("không có tệp này") }],
      });
    } finally {
      await child.close();
    }
  }, 120_000);

  it("says once that a file is not a spreadsheet, guessing no kind, period or as-of", async () => {
    const child = await cliProcess({ DEFAULT_LOCALE: "en" });
    try {
      await writeFile(join(child.folder, "march.xlsx"), randomBytes(4096));
      const printed = await child.run(["import", "march.xlsx"]);
      expect(printed.code).toBe(EXIT_REJECTED);
      expect(printed.stdout.trim().split("\n")).toEqual([
        "📄 File: march.xlsx",
        "1 error(s); nothing was written:",
        "  - The file cannot be read. Send an Excel file (.xlsx, .xls) or a CSV file (UTF-8) exported from the Public Service Portal.",
        "",
        "The file was rejected: nothing was written.",
      ]);
      const json = JSON.parse((await child.run(["import", "march.xlsx", "--json"])).stdout);
      expect(json).toMatchObject({ ok: false, kind: null, period: null, asOf: null, committed: false });
      expect(json.errors.map((error: { code: string }) => error.code)).toEqual(["unreadableFile"]);
    } finally {
      await child.close();
    }
  }, 120_000);

  it("reads a relative file name from the folder npm was started in (INIT_CWD), not the project's", async () => {
    const child = await cliProcess();
    try {
      await mkdir(join(child.folder, "march"));
      await writeFile(join(child.folder, "march", "scores.csv"), SCORES);
      const args = ["import", "scores.csv", "--period", "2025-03", "--as-of", "2025-04-11 11:00"];
      const dryRun = [...args, "--create-units", "--dry-run", "--json"];
      expect((await child.run(dryRun)).code).toBe(1);
      const fromMarch = await child.run(dryRun, { INIT_CWD: join(child.folder, "march") });
      expect(fromMarch.code).toBe(0);
      expect(JSON.parse(fromMarch.stdout)).toMatchObject({ ok: true, fileName: "scores.csv" });
    } finally {
      await child.close();
    }
  }, 120_000);
});
