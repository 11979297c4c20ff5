import { describe, expect, it } from "vitest";
import { buildScoreCard, type ScoreMonth } from "../../src/domain/score-card.js";
import { createTranslator } from "../../src/i18n/index.js";
import { scoreCardMessage } from "../../src/render/score-card.js";
import { scoreRow } from "../support/score-rows.js";

const translator = createTranslator("vi");
const ZONE = "Asia/Ho_Chi_Minh";
const unit = { nameVi: "Phường Ba Đình", nameEn: "Ba Dinh Ward" };
const ward = scoreRow(1, "COMMUNE", "58.30", {
  publicity: "8.30",
  progress: "15.20",
  onlineService: "3.10",
  onlinePayment: "4.70",
  satisfaction: "16.90",
});
const march: ScoreMonth = {
  period: { year: 2025, month: 3 },
  asOf: new Date("2025-04-11T04:00:00Z"),
  rows: [
    ward,
    scoreRow(2, "COMMUNE", "70"),
    scoreRow(3, "DEPARTMENT", "40"),
    scoreRow(9, "PROVINCE", "58.30", { rank: 60, rankOutOf: 63 }),
  ],
  previous: { period: { year: 2025, month: 2 }, rows: [{ unitId: 1, total: "61.50" }] },
};

function text(locale: "vi" | "en", month: ScoreMonth, unitId = 1): string {
  const card = buildScoreCard({ unitId, month });
  return scoreCardMessage(translator.forLocale(locale), locale, ZONE, { unit, card }).text;
}

describe("score card message", () => {
  it("writes the card in Vietnamese with Vietnamese numbers and dates", () => {
    const vi = text("vi", march);
    expect(vi).toContain("tháng 03/2025");
    expect(vi).toContain("Tổng điểm: <b>58,3</b>/100");
    expect(vi).toContain("▼ giảm 3,2 điểm so với tháng 02/2025 (61,5)");
    expect(vi).toContain("Xếp hạng: 2/2 xã, phường, thị trấn; 2/3 đơn vị của thành phố");
    expect(vi).toContain("Toàn thành phố: 58,3 điểm, hạng 60/63 cả nước");
    expect(vi).toContain("• Công khai, minh bạch: 8,3/18 (46%)");
    expect(vi).toContain("• Số hóa hồ sơ: chưa có số liệu (tối đa 22)");
    expect(vi).toContain("⚠️ Cần cải thiện nhất: Dịch vụ công trực tuyến (26%), Công khai, minh bạch (46%)");
    expect(vi).toContain("tính đến 11:00 11/04/2025");
    expect(vi).toContain("Số hồ sơ quá hạn là số cộng dồn");
  });

  it("writes the card in English", () => {
    const en = text("en", march);
    expect(en).toContain("— March 2025</b>");
    expect(en).toContain("Total: <b>58.3</b>/100");
    expect(en).toContain("▼ down 3.2 points from February 2025 (61.5)");
    expect(en).toContain("Rank: 2/2 among communes and wards; 2/3 among the city's units");
    expect(en).toContain("• Online payment: 4.7/10 (47%)");
    expect(en).toContain("• Digitisation of dossiers: no figure (maximum 22)");
    expect(en).toContain("as of 11 Apr 2025, 11:00");
    expect(en).toContain("Overdue counts are cumulative");
  });

  it("says so when a figure is missing, and never writes 0 for it", () => {
    const missing = {
      ...march,
      rows: march.rows.filter((row) => row.unitKind !== "PROVINCE"),
      previous: null,
    };
    const en = text("en", missing);
    expect(en).toContain("No figure for the previous month to compare with.");
    expect(en).toContain("Whole city: no figures.");
    const absent = text("vi", march, 42);
    expect(absent).toContain("Tổng điểm: chưa có số liệu của đơn vị trong kỳ này.");
    expect(absent).not.toContain("Xếp hạng");
    expect(absent).not.toMatch(/\b0\/|: 0\b|\(0%\)/);
    expect(absent.match(/chưa có số liệu \(tối đa/g)).toHaveLength(6);
  });

  it("says a rise and no change in both languages", () => {
    const up = {
      ...march,
      previous: { period: { year: 2025, month: 1 }, rows: [{ unitId: 1, total: "50" }] },
    };
    expect(text("vi", up)).toContain("▲ tăng 8,3 điểm so với tháng 01/2025 (50,0)");
    const same = {
      ...march,
      previous: { period: { year: 2025, month: 2 }, rows: [{ unitId: 1, total: "58.3" }] },
    };
    expect(text("en", same)).toContain("= unchanged from February 2025");
  });

  it("escapes unit names and stays short enough for a phone", () => {
    const card = buildScoreCard({ unitId: 1, month: march });
    const message = scoreCardMessage(translator.forLocale("vi"), "vi", ZONE, {
      unit: { nameVi: "Sở <Thử> & Nghiệm", nameEn: null },
      card,
    }).text;
    expect(message).toContain("<b>Sở &lt;Thử&gt; &amp; Nghiệm</b>");
    expect(message.length).toBeLessThan(1200);
    expect(message.split("\n").every((line) => line.length <= 250)).toBe(true);
  });
});
