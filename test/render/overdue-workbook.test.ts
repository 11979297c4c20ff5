import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { OverdueWorkbookRow } from "../../src/domain/overdue.js";
import { createTranslator } from "../../src/i18n/index.js";
import { overdueWorkbook, overdueWorkbookFileName } from "../../src/render/overdue-workbook.js";

const translator = createTranslator("vi");
const ZONE = "Asia/Ho_Chi_Minh";
const unit = { nameVi: "Phường Ba Đình", nameEn: "Ba Dinh Ward", code: "P001" };
const snapshot = { period: { year: 2025, month: 3 }, asOf: new Date("2025-04-11T04:00:00Z") };

const open: OverdueWorkbookRow = {
  id: 1,
  unitId: 1,
  code: "000.00.20.H26-250301-0012",
  procedureName: "Đăng ký khai sinh",
  field: "Hộ tịch",
  applicantName: "Nguyễn Văn An",
  // 23:30 on 2 March in Hanoi is still 2 March there, though 16:30 UTC.
  receivedAt: new Date("2025-03-02T16:30:00Z"),
  dueAt: new Date("2025-03-10T10:00:00Z"),
  daysOverdue: 12,
  state: "OPEN",
  portalStatus: "Đang xử lý",
  finishedAt: null,
  handlerName: null,
  cause: null,
  apology: null,
  resolution: null,
};
const answered: OverdueWorkbookRow = {
  ...open,
  id: 2,
  code: "000.00.20.H26-250301-0013",
  daysOverdue: null,
  applicantName: null,
  finishedAt: new Date("2025-03-20T03:00:00Z"),
  cause: { category: "SYNC_ERROR", detail: "lệch giờ" },
  apology: {
    letterNumber: "12/PXL",
    issuedOn: new Date("2025-03-09T00:00:00Z"),
    newAppointmentOn: new Date("2025-03-15T00:00:00Z"),
  },
  resolution: { outcome: "RESULT_ISSUED", resolvedOn: new Date("2025-03-20T00:00:00Z") },
};

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe("overdue workbook", () => {
  it("writes one frozen, filterable header row, real dates, numbers as numbers and empty cells for missing values", async () => {
    const buffer = await overdueWorkbook(translator.forLocale("vi"), "vi", ZONE, {
      unit,
      snapshot,
      rows: [open, answered],
      showApplicant: false,
    });
    const workbook = await read(buffer);
    const sheet = workbook.getWorksheet("Hồ sơ quá hạn");
    if (!sheet) throw new Error("no data sheet");
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "STT",
      "Mã hồ sơ",
      "Thủ tục",
      "Lĩnh vực",
      "Chủ hồ sơ",
      "Ngày tiếp nhận",
      "Hạn xử lý",
      "Số ngày quá hạn",
      "Trạng thái",
      "Trạng thái trên Cổng",
      "Ngày hoàn thành",
      "Người xử lý",
      "Nguyên nhân",
      "Chi tiết nguyên nhân",
      "Số phiếu xin lỗi",
      "Ngày hẹn lại",
      "Ngày xử lý dứt điểm",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(2).width).toBe(30);
    expect(sheet.rowCount).toBe(3);

    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe("000.00.20.H26-250301-0012");
    expect(first.getCell(5).value).toBe("N*** V** A*");
    expect(first.getCell(6).value).toEqual(new Date("2025-03-02T00:00:00Z"));
    expect(first.getCell(6).numFmt).toBe("dd/mm/yyyy");
    expect(first.getCell(7).value).toEqual(new Date("2025-03-10T00:00:00Z"));
    expect(first.getCell(8).value).toBe(12);
    expect(first.getCell(8).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(9).value).toBe("quá hạn, chưa xử lý dứt điểm");
    for (const column of [11, 12, 13, 14, 15, 16, 17])
      expect(first.getCell(column).type).toBe(ExcelJS.ValueType.Null);

    const second = sheet.getRow(3);
    expect(second.getCell(5).type).toBe(ExcelJS.ValueType.Null);
    expect(second.getCell(8).type).toBe(ExcelJS.ValueType.Null);
    expect(second.getCell(11).value).toEqual(new Date("2025-03-20T00:00:00Z"));
    expect(second.getCell(13).value).toBe("lỗi đồng bộ với Cổng quốc gia");
    expect(second.getCell(15).value).toBe("12/PXL");
    expect(second.getCell(16).value).toEqual(new Date("2025-03-15T00:00:00Z"));
    expect(second.getCell(16).type).toBe(ExcelJS.ValueType.Date);

    const info = workbook.getWorksheet("Thông tin");
    expect(info?.getRow(1).values).toEqual([undefined, "Đơn vị", "Phường Ba Đình"]);
    expect(info?.getRow(3).values).toEqual([undefined, "Số liệu tính đến", "11:00 11/04/2025"]);
    expect(String(info?.getRow(4).getCell(2).value)).toContain("cộng dồn");
  });

  it("writes English headers, and applicants' names when they may be shown", async () => {
    const buffer = await overdueWorkbook(translator.forLocale("en"), "en", ZONE, {
      unit,
      snapshot,
      rows: [open],
      showApplicant: true,
    });
    const workbook = await read(buffer);
    const sheet = workbook.getWorksheet("Overdue dossiers");
    expect(sheet?.getRow(1).getCell(2).value).toBe("Dossier code");
    expect(sheet?.getRow(1).getCell(8).value).toBe("Days overdue");
    expect(sheet?.getRow(2).getCell(5).value).toBe("Nguyễn Văn An");
    expect(workbook.getWorksheet("About")?.getRow(2).values).toEqual([undefined, "Period", "March 2025"]);
  });

  it("names the file after the list, the month and the unit", () => {
    expect(
      overdueWorkbookFileName(translator.forLocale("vi"), { id: 5, code: "P 001/x" }, snapshot.period),
    ).toBe("ho-so-qua-han-2025-03-P_001_x.xlsx");
    expect(overdueWorkbookFileName(translator.forLocale("en"), { id: 5, code: null }, snapshot.period)).toBe(
      "overdue-dossiers-2025-03-5.xlsx",
    );
  });
});
