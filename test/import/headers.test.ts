import { describe, expect, it } from "vitest";
import { findHeader, headerKey } from "../../src/import/headers.js";
import type { CellValue, SheetRow } from "../../src/import/readers/types.js";

function rows(...cells: CellValue[][]): SheetRow[] {
  return cells.map((row, index) => ({ number: index + 1, cells: row }));
}

function fields(match: ReturnType<typeof findHeader>): Record<string, number> {
  return Object.fromEntries([...(match?.columns ?? [])].map(([field, column]) => [field, column.index]));
}

describe("header names", () => {
  it("compare without case, accents, đ, punctuation or notes", () => {
    expect(headerKey("Số hoá hồ sơ")).toBe("so hoa ho so");
    expect(headerKey("SỐ HÓA HỒ SƠ (22 điểm)")).toBe("so hoa ho so");
    expect(headerKey("So hoa ho so")).toBe("so hoa ho so");
    expect(headerKey("Đơn vị")).toBe("don vi");
    expect(headerKey("Công khai và minh bạch")).toBe(headerKey("Công khai, minh bạch"));
    expect(headerKey("Publicity & transparency")).toBe(headerKey("Publicity, transparency"));
    expect(headerKey("Ngày\nhẹn   trả")).toBe("ngay hen tra");
  });
});

describe("finding the header", () => {
  it("finds a score sheet under title rows, accents or not", () => {
    const match = findHeader(
      rows(
        ["BO CHI SO PHUC VU NGUOI DAN THANG 3/2025"],
        [],
        [
          "STT",
          "Ten don vi",
          "Cong khai, minh bach",
          "Tien do giai quyet",
          "Dich vu cong truc tuyen",
          "Thanh toan truc tuyen",
          "Muc do hai long",
          "So hoa ho so",
          "Tong diem",
          "Xep hang",
        ],
      ),
    );
    expect(match?.kind).toBe("UNIT_SCORES");
    expect(match?.rowNumber).toBe(3);
    expect(match?.missing).toEqual([]);
    expect(fields(match)).toMatchObject({ unitName: 1, publicity: 2, digitisation: 7, total: 8, rank: 9 });
  });

  it("finds English headers of both kinds", () => {
    const scores = findHeader(
      rows([
        "Unit code",
        "Agency",
        "Publicity and transparency",
        "Processing progress",
        "Online public services",
        "Online payment",
        "Satisfaction",
        "Digitization of dossiers",
        "Total score",
        "Rank",
      ]),
    );
    expect(scores?.kind).toBe("UNIT_SCORES");
    expect(scores?.missing).toEqual([]);
    expect(fields(scores)).toMatchObject({ unitCode: 0, unitName: 1, digitisation: 7, total: 8 });

    const dossiers = findHeader(
      rows([
        "No.",
        "Dossier code",
        "Procedure",
        "Field",
        "Applicant",
        "Received date",
        "Due date",
        "Finished",
        "Days overdue",
        "Handling unit",
        "Handler",
        "Status",
      ]),
    );
    expect(dossiers?.kind).toBe("OVERDUE_DOSSIERS");
    expect(dossiers?.missing).toEqual([]);
    expect(dossiers?.ignoredColumns).toEqual([]);
  });

  it("takes columns in any order and lists the extra ones", () => {
    const match = findHeader(
      rows(["Ngày hẹn trả", "Ghi chú", "Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Thủ tục", "Số điện thoại"]),
    );
    expect(match?.kind).toBe("OVERDUE_DOSSIERS");
    expect(fields(match)).toEqual({ dueAt: 0, code: 2, unitRef: 3, receivedAt: 4, procedureName: 5 });
    expect(match?.ignoredColumns).toEqual(["Ghi chú", "Số điện thoại"]);
    expect(match?.columns.get("code")?.header).toBe("Mã hồ sơ");
  });

  it("reads a two-level header under merged group titles", () => {
    const match = findHeader(
      rows(
        ["STT", "Đơn vị", "Điểm các nhóm chỉ số", null, null, null, null, null, "Tổng điểm", "Xếp hạng"],
        [null, null, "CKMB", "TDGQ", "ONLINE", "TTTT", "MDHL", "MDSH", null, null],
        [1, "Sở Tư pháp", 17, 19, 11, 9, 17, 21, 94, 1],
      ),
    );
    expect(match?.kind).toBe("UNIT_SCORES");
    expect(match?.rowNumber).toBe(2);
    expect(match?.missing).toEqual([]);
    expect(fields(match)).toMatchObject({ unitName: 1, publicity: 2, digitisation: 7, total: 8, rank: 9 });
  });

  it("finds a score header that lacks a group, to report the missing column", () => {
    const match = findHeader(
      rows(
        ["Tên đơn vị", "CKMB", "TDGQ", "ONLINE", "TTTT", "MDHL", "Tổng điểm"],
        ["Sở A", 1, 2, 3, 4, 5, 15],
      ),
    );
    expect(match?.kind).toBe("UNIT_SCORES");
    expect(match?.missing).toEqual(["digitisation"]);
  });

  it("does not take data or titles for a header", () => {
    expect(findHeader(rows(["Báo cáo"], ["Sở A", 1, 2, 3]))).toBeNull();
    // A status of "Quá hạn" under the header must not pass for the days-overdue column.
    const match = findHeader(
      rows(
        ["Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Đơn vị", "Trạng thái"],
        ["HS-1", "Cấp phép", "01/03/2025", "05/03/2025", "Sở A", "Quá hạn"],
      ),
    );
    expect(match?.rowNumber).toBe(1);
    expect(fields(match)).toMatchObject({ portalStatus: 5 });
  });
});
