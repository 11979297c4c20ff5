import { describe, expect, it } from "vitest";
import type {
  OverdueDossier,
  OverdueListItem,
  OverduePage,
  OverdueSummary,
} from "../../src/domain/overdue.js";
import { createTranslator } from "../../src/i18n/index.js";
import { overdueCardMessage, overduePageMessage, overdueSummaryMessage } from "../../src/render/overdue.js";
import { MESSAGE_TEXT_BUDGET } from "../../src/render/telegram-limits.js";

const translator = createTranslator("vi");
const ZONE = "Asia/Ho_Chi_Minh";
const unit = { nameVi: "Phường Ba Đình", nameEn: "Ba Dinh Ward" };
const asOf = new Date("2025-04-11T04:00:00Z");
const period = { year: 2025, month: 3 };

const summary: OverdueSummary = {
  unitId: 1,
  period,
  asOf,
  overdue: 24_100,
  missingCause: 20,
  missingApology: 22,
  unresolved: 18,
  oldest: { code: "000.00.20.H26-250301-0012", daysOverdue: 45, dueAt: new Date("2025-02-10T10:00:00Z") },
};

function item(n: number, overrides: Partial<OverdueListItem> = {}): OverdueListItem {
  return {
    dossierId: n,
    code: `000.00.20.H26-250301-${String(n).padStart(4, "0")}`,
    procedureName: "Đăng ký khai sinh",
    daysOverdue: 40 - n,
    dueAt: new Date("2025-03-10T10:00:00Z"),
    hasCause: false,
    hasApology: false,
    resolved: false,
    ...overrides,
  };
}

function page(items: OverdueListItem[], overrides: Partial<OverduePage> = {}): OverduePage {
  return {
    unitId: 1,
    period,
    asOf,
    filter: "all",
    page: 0,
    pageCount: 1,
    total: items.length,
    items,
    ...overrides,
  };
}

const dossier: OverdueDossier = {
  id: 7,
  unitId: 1,
  code: "000.00.20.H26-250301-0012",
  procedureName: "Đăng ký khai sinh",
  field: "Hộ tịch",
  applicantName: "Nguyễn Văn An",
  receivedAt: new Date("2025-03-03T02:00:00Z"),
  dueAt: new Date("2025-03-10T10:00:00Z"),
  daysOverdue: 12,
  state: "OPEN",
  portalStatus: "Đang xử lý",
  finishedAt: null,
  handlerName: "Lê Văn Cường",
  cause: null,
  apology: null,
  resolution: null,
};

describe("overdue messages", () => {
  it("sums up a unit's list in Vietnamese and English, with the as-of and the cumulative note", () => {
    const vi = overdueSummaryMessage(translator.forLocale("vi"), "vi", ZONE, { unit, summary }).text;
    expect(vi.split("\n")).toEqual([
      "📋 <b>Hồ sơ quá hạn — tháng 03/2025</b>",
      "<b>Phường Ba Đình</b>",
      "Quá hạn: <b>24.100</b> hồ sơ",
      "• Chưa báo cáo nguyên nhân: <b>20</b>",
      "• Chưa có phiếu xin lỗi: <b>22</b>",
      "• Chưa xử lý dứt điểm: <b>18</b>",
      "Quá hạn lâu nhất: <code>000.00.20.H26-250301-0012</code>, 45 ngày (hạn 10/02/2025)",
      "",
      "<i>Danh sách của Cổng Dịch vụ công quốc gia tính đến 11:00 11/04/2025, có thể được cập nhật sau. Số hồ sơ quá hạn là số cộng dồn, không chỉ phát sinh trong tháng.</i>",
    ]);
    const en = overdueSummaryMessage(translator.forLocale("en"), "en", ZONE, { unit, summary }).text;
    expect(en).toContain("<b>Ba Dinh Ward</b>");
    expect(en).toContain("Overdue: <b>24,100</b> dossier(s)");
    expect(en).toContain("• Not yet resolved: <b>18</b>");
    expect(en).toContain("(due 10 Feb 2025)");
    expect(en).toContain("as of 11 Apr 2025, 11:00");
    expect(en).toContain("Overdue counts are cumulative");
  });

  it("says when the list is empty, and when the portal gave no day count", () => {
    const empty = { ...summary, overdue: 0, missingCause: 0, missingApology: 0, unresolved: 0, oldest: null };
    const text = overdueSummaryMessage(translator.forLocale("en"), "en", ZONE, { unit, summary: empty }).text;
    expect(text).toContain("No overdue dossiers on the list.");
    expect(text).not.toContain("No cause reported yet");
    const noDays = { ...summary, oldest: { ...summary.oldest, code: "X-1", daysOverdue: null, dueAt: asOf } };
    expect(
      overdueSummaryMessage(translator.forLocale("vi"), "vi", ZONE, { unit, summary: noDays }).text,
    ).toContain("Quá hạn lâu nhất: <code>X-1</code> (hạn 11/04/2025; Cổng không ghi số ngày)");
  });

  it("numbers a page's dossiers across pages and marks what each lacks", () => {
    const second = page(
      [item(11, { hasCause: true, hasApology: true }), item(12, { daysOverdue: null, resolved: true })],
      {
        filter: "missingCause",
        page: 1,
        pageCount: 2,
        total: 12,
      },
    );
    const vi = overduePageMessage(translator.forLocale("vi"), "vi", ZONE, { unit, page: second }).text;
    expect(vi).toContain("Thiếu nguyên nhân: 12 hồ sơ, trang 2/2");
    expect(vi).toContain("11. <code>000.00.20.H26-250301-0011</code> — quá hạn 29 ngày");
    expect(vi).toContain("✅ nguyên nhân · ✅ xin lỗi · ⏳ chưa xử lý");
    expect(vi).toContain("12. <code>000.00.20.H26-250301-0012</code> — hạn 10/03/2025");
    expect(vi).toContain("❌ nguyên nhân · ❌ xin lỗi · ✅ đã xử lý");
    const en = overduePageMessage(translator.forLocale("en"), "en", ZONE, { unit, page: page([]) }).text;
    expect(en).toContain("All: 0 dossier(s), page 1/1");
    expect(en).toContain("No dossiers here.");
  });

  it("keeps a page of ten long entries within one message", () => {
    const long =
      "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất ".repeat(5);
    const items = Array.from({ length: 10 }, (_, index) => item(index + 1, { procedureName: long }));
    const text = overduePageMessage(translator.forLocale("vi"), "vi", ZONE, { unit, page: page(items) }).text;
    expect(text.length).toBeLessThan(MESSAGE_TEXT_BUDGET);
    expect(text).toContain("10. <code>");
    expect(text).toContain("gắn l…");
  });

  it("masks the applicant unless shown, and says what is recorded and what is missing", () => {
    const t = translator.forLocale("vi");
    const masked = overdueCardMessage(t, "vi", ZONE, { dossier, showApplicant: false }).text;
    expect(masked).toContain("Chủ hồ sơ: N*** V** A*");
    expect(masked).not.toContain("Nguyễn Văn An");
    expect(masked).toContain("Tiếp nhận: 03/03/2025 · Hạn: 10/03/2025");
    expect(masked).toContain("Quá hạn: <b>12</b> ngày");
    expect(masked).toContain("Trạng thái: quá hạn, chưa xử lý dứt điểm");
    expect(masked).toContain("Nguyên nhân: ❌ chưa báo cáo");
    expect(masked).toContain("Phiếu xin lỗi: ❌ chưa ghi nhận");
    expect(masked).toContain("Xử lý dứt điểm: ⏳ chưa ghi nhận");
    expect(overdueCardMessage(t, "vi", ZONE, { dossier, showApplicant: true }).text).toContain(
      "Chủ hồ sơ: Nguyễn Văn An",
    );

    const answered: OverdueDossier = {
      ...dossier,
      daysOverdue: null,
      applicantName: null,
      finishedAt: new Date("2025-03-20T03:00:00Z"),
      cause: { category: "SYNC_ERROR", detail: "<lệch> giờ & ngày" },
      apology: {
        letterNumber: "12/PXL",
        issuedOn: new Date("2025-03-09T00:00:00Z"),
        newAppointmentOn: new Date("2025-03-15T00:00:00Z"),
      },
      resolution: { outcome: "RESULT_ISSUED", resolvedOn: new Date("2025-03-20T00:00:00Z") },
    };
    const en = overdueCardMessage(translator.forLocale("en"), "en", ZONE, {
      dossier: answered,
      showApplicant: true,
    }).text;
    expect(en).toContain("Applicant: not on the list");
    expect(en).toContain("Overdue: the portal gives no day count");
    expect(en).toContain("State: finished on the portal on 20 Mar 2025 (counted as resolved)");
    expect(en).toContain(
      "Cause: synchronisation error with the national portal — &lt;lệch&gt; giờ &amp; ngày",
    );
    expect(en).toContain("Apology letter: no. 12/PXL of 09 Mar 2025, new date 15 Mar 2025");
    expect(en).toContain("Resolution: result issued on 20 Mar 2025");
    const resolved = { ...answered, state: "RESOLVED" as const };
    const text = overdueCardMessage(translator.forLocale("en"), "en", ZONE, {
      dossier: resolved,
      showApplicant: true,
    }).text;
    expect(text).toContain("State: resolved");
    expect(text).toContain("Finished on the portal: 20 Mar 2025");
  });
});
