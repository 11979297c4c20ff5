import { describe, expect, it } from "vitest";
import { parseAsOf, parsePeriod, readTitleRows } from "../../src/import/title-rows.js";

const zone = "Asia/Ho_Chi_Minh";
const asOf = "2025-04-11T04:00:00.000Z";

describe("the period in the title", () => {
  it("reads the ways reports write the month", () => {
    const march = { year: 2025, month: 3 };
    expect(parsePeriod("BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THÁNG 3/2025")).toEqual(march);
    expect(parsePeriod("Kết quả tháng 03 năm 2025")).toEqual(march);
    expect(parsePeriod("Thang 3-2025")).toEqual(march);
    expect(parsePeriod("Kỳ báo cáo: 03/2025")).toEqual(march);
    expect(parsePeriod("Service index, March 2025")).toEqual(march);
    expect(parsePeriod("Mar. 2025")).toEqual(march);
    expect(parsePeriod("Báo cáo tháng 12/2024")).toEqual({ year: 2024, month: 12 });
  });

  it("does not take a full date, a document number or an impossible month for a period", () => {
    expect(parsePeriod("Hà Nội, ngày 11/04/2025")).toBeNull();
    expect(parsePeriod("Nghị định 118/2025/NĐ-CP")).toBeNull();
    expect(parsePeriod("Tháng 13/2025")).toBeNull();
    expect(parsePeriod("UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")).toBeNull();
  });
});

describe("the as-of time in the title", () => {
  it("reads the ways reports state it", () => {
    expect(parseAsOf("(Số liệu tính đến 11 giờ 00 ngày 11/04/2025)", zone)?.toISOString()).toBe(asOf);
    expect(parseAsOf("tại thời điểm 11h00' ngày 11/04/2025", zone)?.toISOString()).toBe(asOf);
    expect(parseAsOf("Data as of 11:00 11/04/2025", zone)?.toISOString()).toBe(asOf);
    expect(parseAsOf("TÍNH ĐẾN NGÀY 11/04/2025 LÚC 11:00", zone)?.toISOString()).toBe(asOf);
    expect(parseAsOf("tính đến 11 giờ ngày 11 tháng 4 năm 2025", zone)?.toISOString()).toBe(asOf);
    expect(parseAsOf("tinh den 11h30 ngay 11-04-2025", zone)?.toISOString()).toBe("2025-04-11T04:30:00.000Z");
    expect(parseAsOf("tính đến ngày 11/04/2025", zone)?.toISOString()).toBe("2025-04-10T17:00:00.000Z");
  });

  it("wants the words that announce it, and a real date", () => {
    expect(parseAsOf("Hà Nội, ngày 11/04/2025", zone)).toBeNull();
    expect(parseAsOf("tính đến 11 giờ 00 ngày 31/02/2025", zone)).toBeNull();
  });

  it("reads both from title rows, never taking the as-of date for the month", () => {
    const rows = [
      { number: 1, cells: ["UBND THÀNH PHỐ HÀ NỘI"] },
      { number: 2, cells: ["KẾT QUẢ BỘ CHỈ SỐ THÁNG 3/2025", null, null] },
      { number: 3, cells: [null, "(Số liệu tính đến 11 giờ 00 ngày 11/04/2025)"] },
    ];
    expect(readTitleRows(rows, zone)).toEqual({ period: { year: 2025, month: 3 }, asOf: new Date(asOf) });
    const asOfOnly = [{ number: 1, cells: ["Số liệu tính đến ngày 11 tháng 4 năm 2025"] }];
    expect(readTitleRows(asOfOnly, zone)).toEqual({ period: null, asOf: new Date("2025-04-10T17:00:00Z") });
    expect(readTitleRows([], zone)).toEqual({ period: null, asOf: null });
  });
});
