import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { importMonth } from "../../../src/app/imports/import-month.js";
import type { Importer, ImportFileInput } from "../../../src/app/imports/month-batch.js";
import { previewMonthImport } from "../../../src/app/imports/preview-month-import.js";
import { VN_CALENDAR_DAYS } from "../../../src/domain/calendar-data/index.js";
import type { ImportOptions } from "../../../src/domain/import-plan.js";
import type { ImportReport } from "../../../src/domain/import-report.js";
import { STREAM_BATCH_ROWS } from "../../../src/import/parse.js";
import { CalendarRepository } from "../../../src/repositories/calendar.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";
import { personWith, settings, unitAndOfficer } from "./fixtures.js";

const SCORE_HEADER =
  "STT,Mã đơn vị,Tên đơn vị,Công khai minh bạch,Tiến độ giải quyết,Dịch vụ công trực tuyến,Thanh toán trực tuyến,Mức độ hài lòng,Số hóa hồ sơ,Tổng điểm,Xếp hạng";
const DOSSIER_HEADER =
  "STT,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Số ngày quá hạn,Đơn vị xử lý";

function csv(fileName: string, lines: string[]): ImportFileInput {
  return { fileName, bytes: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8") };
}

function scoreSheet(asOf = "11 giờ 00 ngày 11/04/2025") {
  return csv("diem-thang-3.csv", [
    "KẾT QUẢ BỘ CHỈ SỐ THÁNG 3/2025",
    `(Số liệu tính đến ${asOf})`,
    SCORE_HEADER,
    '1,H26,Thành phố Hà Nội,"8,3","15,2","3,1","4,7","16,9","10,1","58,3",60/63',
    '2,H26.01,Sở Tư pháp,"10,5",12,"6,0","5,0","15,0","11,0","59,5",',
    '3,H26.40.01,Phường Hoàn Kiếm,"12,0","18,0","9,0","7,0","16,0","18,0","80,0",',
  ]);
}

function dossierList(asOf: string, rows: string[], fileName = "qua-han.csv") {
  return csv(fileName, ["DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG 3/2025", `Tính đến ${asOf}`, DOSSIER_HEADER, ...rows]);
}

const D1 =
  "1,000.00.20.H26-250301-0001,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Nguyễn Văn An,03/03/2025,10/03/2025,,,Sở Tư pháp";
const D2 =
  "2,000.00.20.H26-250302-0002,Đăng ký khai sinh,Hộ tịch,Trần Thị Bình,04/03/2025,06/03/2025,,5,H26.40.01";
const D3 =
  "3,000.00.20.H26-250303-0003,Cấp giấy phép xây dựng,Xây dựng,Công ty TNHH Minh Long,05/03/2025,20/03/2025,,,Phường Hoàn Kiếm";

const CLI: Importer = { actorLabel: "cli" };

describe(`importing the monthly files on ${databaseLabel()}`, () => {
  let database: TestDatabase;

  // Each test on a database of its own, with the imports it builds on made first.
  beforeEach(async () => {
    database = await createTestDatabase();
    await new CalendarRepository(database.prisma).seed(VN_CALENDAR_DAYS);
  });
  afterEach(() => database.drop());

  const service = {
    async preview(files: ImportFileInput[], options: ImportOptions = {}, by: Importer = CLI) {
      const outcome = await previewMonthImport(appContext(database.prisma), { by, files, options, settings });
      if (outcome.kind !== "previewed") throw new Error(`not previewed: ${outcome.kind}`);
      return outcome.report;
    },
    async commit(
      files: ImportFileInput[],
      { source, ...options }: ImportOptions & { source: "CLI" },
    ): Promise<ImportReport> {
      const outcome = await importMonth(appContext(database.prisma), {
        by: CLI,
        files,
        options,
        settings,
        source,
      });
      if (outcome.kind === "forbidden") throw new Error("the command line may always import");
      return outcome.report;
    },
  };

  /** The units of the score sheet, as confirmed by the Center. */
  const importScores = () => service.commit([scoreSheet()], { source: "CLI", createUnknownUnits: true });
  /** The first list of March, as of 11/04/2025: D1, D2, D3 open. */
  const importFirstList = () =>
    service.commit([dossierList("11 giờ 00 ngày 11/04/2025", [D1, D2, D3])], { source: "CLI" });
  /** A newer list of March, as of 20/04/2025: D3 no longer listed. */
  const importNewerList = () =>
    service.commit([dossierList("15:00 20/04/2025", [D1, D2.replace(",5,", ",7,")])], { source: "CLI" });

  const counts = async () => ({
    units: await database.prisma.unit.count(),
    scores: await database.prisma.unitScore.count(),
    dossiers: await database.prisma.dossier.count(),
    listings: await database.prisma.dossierListing.count(),
    snapshots: await database.prisma.periodSnapshot.count(),
    batches: await database.prisma.importBatch.count(),
    audit: await database.prisma.auditEvent.count(),
  });

  it("refuses dossiers of units nobody knows, writing nothing", async () => {
    const before = await counts();
    const report = await service.commit([dossierList("11:00 11/04/2025", [D1])], { source: "CLI" });
    expect(report).toMatchObject({ ok: false, committed: false });
    expect(report.files[0]?.errors).toEqual([
      { row: 4, column: "Đơn vị xử lý", value: "Sở Tư pháp", code: "unknownUnit" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("previews a score sheet's unknown units and creates them only when confirmed", async () => {
    const preview = await service.preview([scoreSheet()]);
    expect(preview.ok).toBe(false);
    expect(preview.files[0]).toMatchObject({
      kind: "UNIT_SCORES",
      period: "2025-03",
      asOf: new Date("2025-04-11T04:00:00Z"),
      unknownUnits: ["Thành phố Hà Nội", "Sở Tư pháp", "Phường Hoàn Kiếm"],
    });
    expect(await database.prisma.unit.count()).toBe(0);

    const report = await service.commit([scoreSheet()], { source: "CLI", createUnknownUnits: true });
    expect(report).toMatchObject({ ok: true, committed: true });
    const units = await database.prisma.unit.findMany({ orderBy: { id: "asc" } });
    expect(units.map((unit) => [unit.code, unit.kind])).toEqual([
      ["H26", "PROVINCE"],
      ["H26.01", "DEPARTMENT"],
      ["H26.40.01", "COMMUNE"],
    ]);
    const city = await database.prisma.unitScore.findFirstOrThrow({ where: { unit: { code: "H26" } } });
    expect([city.publicity?.toString(), city.total.toString(), city.rank, city.rankOutOf]).toEqual([
      "8.3",
      "58.3",
      60,
      63,
    ]);
    expect(await database.prisma.auditEvent.count({ where: { action: "import.committed" } })).toBe(1);
  });

  it("imports a dossier list, computing missing days overdue in working days", async () => {
    await importScores();
    const report = await service.commit([dossierList("11 giờ 00 ngày 11/04/2025", [D1, D2, D3])], {
      source: "CLI",
    });
    expect(report.committed).toBe(true);
    expect(report.files[0]?.result).toMatchObject({ created: 3, updated: 0, noLongerListed: 0 });
    const first = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250301-0001" },
    });
    // Due Monday 10/03/2025; working days after it up to Friday 11/04/2025: 24 weekdays less
    // Hùng Kings' day (Monday 07/04/2025).
    expect(first.daysOverdue).toBe(23);
    expect(first.state).toBe("OPEN");
    const second = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250302-0002" },
    });
    expect(second.daysOverdue).toBe(5);
    expect(await database.prisma.dossierListing.count()).toBe(3);
  });

  it("makes a newer snapshot current, keeps the older, keeps every answer and never deletes a dossier", async () => {
    await importScores();
    await importFirstList();
    const first = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250301-0001" },
    });
    await database.prisma.causeReport.create({
      data: { dossierId: first.id, category: "WORKLOAD", detail: "thiếu người" },
    });
    const changedD2 = D2.replace(",5,", ",7,");

    const report = await service.commit([dossierList("15:00 20/04/2025", [D1, changedD2])], {
      source: "CLI",
    });
    // D1's computed days overdue grow with the later "as of"; D2's given figure changed.
    expect(report.files[0]?.result).toMatchObject({ created: 0, updated: 2, noLongerListed: 1 });
    const snapshots = await database.prisma.periodSnapshot.findMany({
      where: { kind: "OVERDUE_DOSSIERS" },
      orderBy: { id: "asc" },
    });
    expect(snapshots.map((snapshot) => snapshot.isCurrent)).toEqual([false, true]);
    expect(snapshots[0]?.supersededById).toBe(snapshots[1]?.id);

    const gone = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250303-0003" },
    });
    expect(gone.state).toBe("NO_LONGER_LISTED");
    expect(await database.prisma.causeReport.count({ where: { dossierId: first.id } })).toBe(1);
    const second = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250302-0002" },
    });
    expect(second.daysOverdue).toBe(7);
  });

  it("keeps an older snapshot imported late in the history only", async () => {
    await importScores();
    await importFirstList();
    await importNewerList();
    const report = await service.commit([dossierList("09:00 05/04/2025", [D3])], { source: "CLI" });
    expect(report.files[0]).toMatchObject({ becomesCurrent: false });
    const gone = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250303-0003" },
    });
    expect(gone.state).toBe("NO_LONGER_LISTED");
    const current = await database.prisma.periodSnapshot.count({
      where: { kind: "OVERDUE_DOSSIERS", isCurrent: true },
    });
    expect(current).toBe(1);
  });

  it("imports a batch all or nothing: a unit created by its score sheet serves its dossier list", async () => {
    const newUnitScores = csv("diem.csv", [
      "Tháng 4/2025",
      "tính đến 11:00 11/05/2025",
      SCORE_HEADER,
      '1,H26.40.02,Phường Cửa Nam,"10,0","10,0","5,0","5,0","10,0","10,0","50,0",',
    ]);
    const listNamingIt = dossierList("11:00 11/05/2025", [
      "1,000.00.20.H26-250401-0009,Đăng ký kết hôn,Hộ tịch,Lê Văn Cường,01/04/2025,03/04/2025,,,Phường Cửa Nam",
    ]);
    const broken = dossierList("11:00 11/05/2025", [
      "1,X-1,Thủ tục,Lĩnh vực,Ai đó,05/04/2025,01/04/2025,,,Phường Cửa Nam",
    ]);

    const before = await counts();
    const refused = await service.commit([newUnitScores, broken], {
      source: "CLI",
      createUnknownUnits: true,
    });
    expect(refused.committed).toBe(false);
    expect(refused.files.flatMap((file) => file.errors.map((error) => error.code))).toContain(
      "dueBeforeReceived",
    );
    expect(await counts()).toEqual(before);

    const accepted = await service.commit([listNamingIt, newUnitScores], {
      source: "CLI",
      createUnknownUnits: true,
    });
    expect(accepted.committed).toBe(true);
    expect(accepted.files.map((file) => file.kind)).toEqual(["UNIT_SCORES", "OVERDUE_DOSSIERS"]);
    const dossier = await database.prisma.dossier.findUniqueOrThrow({
      where: { code: "000.00.20.H26-250401-0009" },
      include: { unit: true },
    });
    expect(dossier.unit.nameVi).toBe("Phường Cửa Nam");
  });

  // More rows than one streamed batch: the first batches are written before the bad row is read.
  it("streams a long list batch by batch, and a bad last row still leaves nothing written", async () => {
    await importScores();
    const rows = Array.from(
      { length: STREAM_BATCH_ROWS * 2 + 500 },
      (_, index) =>
        `${index + 1},L-${String(index).padStart(5, "0")},Đăng ký khai sinh,Hộ tịch,Người ${index},03/03/2025,10/03/2025,,4,Sở Tư pháp`,
    );
    const bad = `${rows.length + 1},L-BAD,Đăng ký khai sinh,Hộ tịch,Người lạ,03/03/2025,10/03/2025,,4,Đơn vị lạ`;
    const withBadRow = dossierList("11:00 12/05/2025", [...rows, bad]);

    const preview = await service.preview([withBadRow]);
    expect(preview.ok).toBe(false);
    expect(preview.files[0]?.errors).toEqual([
      { row: rows.length + 4, column: "Đơn vị xử lý", value: "Đơn vị lạ", code: "unknownUnit" },
    ]);
    expect(preview.files[0]).toMatchObject({ rows: rows.length + 1, units: 1 });
    expect(preview.files[0]?.dossiers).toMatchObject({ new: rows.length, changed: 0, unchanged: 0 });

    const before = await counts();
    const refused = await service.commit([withBadRow], { source: "CLI" });
    expect(refused).toMatchObject({ ok: false, committed: false, errorCount: 1 });
    expect(refused.files[0]?.dossiers).toEqual(preview.files[0]?.dossiers);
    expect(await counts()).toEqual(before);

    const accepted = await service.commit([dossierList("11:00 12/05/2025", rows)], { source: "CLI" });
    expect(accepted.committed).toBe(true);
    expect(accepted.files[0]?.result).toMatchObject({ created: rows.length, updated: 0 });
    expect(accepted.files[0]?.dossiers).toEqual(preview.files[0]?.dossiers);
    const after = await counts();
    expect(after.dossiers - before.dossiers).toBe(rows.length);
    expect(after.listings - before.listings).toBe(rows.length);
    expect(after.batches - before.batches).toBe(1);
  });

  it("lets only a Center admin import or preview, and names them in the batch and its audit event", async () => {
    const app = appContext(database.prisma);
    const officer = await unitAndOfficer(database.prisma);
    const before = await counts();
    const request = { files: [scoreSheet()], options: { createUnknownUnits: true }, settings };
    expect(await previewMonthImport(app, { ...request, by: { actor: officer } })).toEqual({
      kind: "forbidden",
    });
    expect(await importMonth(app, { ...request, by: { actor: officer }, source: "BOT" })).toEqual({
      kind: "forbidden",
    });
    expect(await counts()).toEqual(before);

    const admin = await personWith(database.prisma, "CENTER_ADMIN");
    const outcome = await importMonth(app, { ...request, by: { actor: admin }, source: "BOT" });
    expect(outcome.kind).toBe("imported");
    const batch = await database.prisma.importBatch.findFirstOrThrow();
    expect(batch).toMatchObject({ source: "BOT", importedById: admin.personId });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "import.committed" },
    });
    expect(audit).toMatchObject({ actorId: admin.personId, actorLabel: null });
  });

  it("reports a refusal as such, with the report of every file", async () => {
    const outcome = await importMonth(appContext(database.prisma), {
      by: CLI,
      files: [scoreSheet()],
      options: {},
      settings,
      source: "CLI",
    });
    expect(outcome).toMatchObject({ kind: "refused", report: { ok: false, committed: false } });
    expect(outcome.kind === "refused" && outcome.report.files[0]?.unknownUnits).toHaveLength(3);
  });
});
