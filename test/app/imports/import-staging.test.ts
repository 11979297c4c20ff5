// The dossier list's path through the staging table: COPY text that survives any cell, the
// counts and writes of a re-import, and hostile files refused with nothing written.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { importMonth } from "../../../src/app/imports/import-month.js";
import type { ImportFileInput } from "../../../src/app/imports/month-batch.js";
import { VN_CALENDAR_DAYS } from "../../../src/domain/calendar-data/index.js";
import { READ_LIMITS } from "../../../src/import/readers/limits.js";
import { CalendarRepository } from "../../../src/repositories/calendar.js";
import { zipBombXlsx } from "../../import/hostile-files.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";
import { settings } from "./fixtures.js";

const HEADER =
  "STT,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Số ngày quá hạn,Đơn vị xử lý,Cán bộ xử lý";

function list(rows: string[], asOf = "11 giờ 00 ngày 11/04/2025"): ImportFileInput {
  const lines = ["DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG 3/2025", `Tính đến ${asOf}`, HEADER, ...rows];
  return { fileName: "qua-han.csv", bytes: Buffer.from(`${lines.join("\n")}\n`, "utf8") };
}

const row = (n: number, overrides: { applicant?: string; due?: string; handler?: string } = {}) =>
  [
    n,
    `HS-${n}`,
    "Cấp phiếu lý lịch tư pháp",
    "Lý lịch tư pháp",
    overrides.applicant ?? `Người ${n}`,
    "03/03/2025",
    overrides.due ?? "10/03/2025",
    "",
    "4",
    "H26.01",
    overrides.handler ?? "Lê Văn C",
  ].join(",");

describe(`a dossier list through the staging table on ${databaseLabel()}`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
    await new CalendarRepository(database.prisma).seed(VN_CALENDAR_DAYS);
    await database.prisma.unit.create({
      data: { code: "H26.01", nameVi: "Sở Tư pháp", normalizedName: "so tu phap" },
    });
  });
  afterEach(() => database.drop());

  const commit = async (file: ImportFileInput) => {
    const outcome = await importMonth(appContext(database.prisma), {
      by: { actorLabel: "test" },
      files: [file],
      options: {},
      settings,
      source: "CLI",
    });
    if (outcome.kind === "forbidden") throw new Error("the command line may always import");
    return outcome.report;
  };

  const written = async () => ({
    dossiers: await database.prisma.dossier.count(),
    listings: await database.prisma.dossierListing.count(),
    batches: await database.prisma.importBatch.count(),
    snapshots: await database.prisma.periodSnapshot.count(),
  });

  it("keeps every character of a cell, COPY's own special ones included", async () => {
    const names = ["\\N", "C:\\Hồ sơ\\mới", 'Công ty "A, B"', "tab\\tnot a tab"];
    const report = await commit(
      list(
        names.map((name, index) =>
          row(index + 1, { applicant: name.includes(",") ? `"${name.replace(/"/g, '""')}"` : name }),
        ),
      ),
    );
    expect(report.files[0]?.errors).toEqual([]);
    const stored = await database.prisma.dossier.findMany({
      orderBy: { code: "asc" },
      select: { applicantName: true },
    });
    expect(stored.map((dossier) => dossier.applicantName)).toEqual(names);
  });

  it("counts and writes a re-import: unchanged rows untouched, changed ones refreshed, unlisted ones retired", async () => {
    const first = await commit(list([row(1), row(2), row(3)]));
    expect(first.files[0]?.result).toMatchObject({ created: 3, updated: 0, noLongerListed: 0 });
    const before = await database.prisma.dossier.findUniqueOrThrow({ where: { code: "HS-2" } });

    const again = await commit(list([row(1), row(2), row(3)], "15:00 20/04/2025"));
    expect(again.files[0]?.dossiers).toEqual({ new: 0, changed: 0, unchanged: 3, noLongerListed: 0 });
    expect(again.files[0]?.result).toMatchObject({ created: 0, updated: 0, noLongerListed: 0 });
    const untouched = await database.prisma.dossier.findUniqueOrThrow({ where: { code: "HS-2" } });
    expect(untouched.updatedAt).toEqual(before.updatedAt);

    const changed = await commit(
      list([row(1, { handler: "Phạm Thị D", due: "12/03/2025" }), row(2), row(4)], "16:00 21/04/2025"),
    );
    expect(changed.files[0]?.dossiers).toEqual({ new: 1, changed: 1, unchanged: 1, noLongerListed: 1 });
    expect(changed.files[0]?.result).toMatchObject({ created: 1, updated: 1, noLongerListed: 1 });
    const refreshed = await database.prisma.dossier.findUniqueOrThrow({ where: { code: "HS-1" } });
    expect(refreshed.handlerName).toBe("Phạm Thị D");
    expect(refreshed.dueAt.toISOString()).toBe("2025-03-11T17:00:00.000Z");
    const retired = await database.prisma.dossier.findUniqueOrThrow({ where: { code: "HS-3" } });
    expect(retired.state).toBe("NO_LONGER_LISTED");
    // Every snapshot lists what its file listed.
    expect(await database.prisma.dossierListing.count()).toBe(9);
  });

  it("refuses a list whose last line never ends, with the reason, writing nothing", async () => {
    const before = await written();
    const file = list([row(1), row(2), `3,"HS-3${"x".repeat(READ_LIMITS.maxRowChars + 10)}`]);
    const report = await commit(file);
    expect(report).toMatchObject({ ok: false, committed: false });
    expect(report.files[0]?.errors).toEqual([
      { row: 6, column: null, value: null, code: "rowTooLong", params: { max: READ_LIMITS.maxRowChars } },
    ]);
    expect(await written()).toEqual(before);
  });

  it("refuses a zip bomb, with the reason, writing nothing", async () => {
    const before = await written();
    const report = await commit({
      fileName: "qua-han.xlsx",
      bytes: await zipBombXlsx(READ_LIMITS.maxInflatedBytes / 1024 / 1024 + 16),
    });
    expect(report.files[0]?.errors.map((error) => error.code)).toEqual(["inflatesTooMuch"]);
    expect(await written()).toEqual(before);
  });
});
