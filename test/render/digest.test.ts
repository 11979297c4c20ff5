import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/domain/digest.js";
import { createTranslator } from "../../src/i18n/index.js";
import { digestMessage, unitDigestMessage } from "../../src/render/digest.js";
import { digestChartPng, digestChartSvg } from "../../src/render/digest-chart.js";
import { SAMPLE_COUNTS } from "../support/digest-counts.js";

const translator = createTranslator("vi");
const TZ = "Asia/Ho_Chi_Minh";
const digest = buildDigest(SAMPLE_COUNTS);

describe("the digest message", () => {
  it("states the city, the list, compliance and its change, the lowest and best units, silent units, causes, escalations, inspections", () => {
    const text = digestMessage(translator.forLocale("vi"), "vi", TZ, {
      digest,
      weekKey: "2031-W16",
      audience: "center",
    }).text;
    expect(text.split("\n")).toEqual(
      expect.arrayContaining([
        "📋 <b>Tổng hợp tuân thủ tuần 2031-W16</b>",
        "🏙 <b>Thành phố</b>: 58,3 điểm tháng 03/2031, ▼ 3,2 so với tháng 02/2031, hạng 60/63 cả nước, theo Cổng DVC đến 11:00 11/04/2031",
        "Mức tuân thủ: <b>30,9%</b> (+21,8 điểm % so với tuần trước: 9,1%)",
        "4. Phường Đống Đa: 0,0% (0) · 25 hồ sơ, chưa trả lời 25",
        "• Phường Đống Đa: 25 hồ sơ",
        "• lỗi đồng bộ với Cổng quốc gia: 48 (50,0%)",
        "• Mức 3 (báo UBND Thành phố): 2 (mới trong tuần 1, đã xác nhận 0, quá hạn xác nhận 1)",
        "• 16/04/2031: Phường Đống Đa",
      ]),
    );
    const pc = digestMessage(translator.forLocale("en"), "en", TZ, {
      digest,
      weekKey: "2031-W16",
      audience: "peoplesCommittee",
    }).text;
    expect(pc).toContain("(People's Committee version)");
  });

  it("gives a unit head their own line", () => {
    const unit = digest.ranking.find((row) => row.unitId === 2);
    if (!unit) throw new Error("unit 2 is ranked");
    expect(
      unitDigestMessage(translator.forLocale("vi"), "vi", { digest, weekKey: "2031-W16", unit }).text,
    ).toContain("⚠️ Đơn vị chưa trả lời hồ sơ nào.");
  });
});

describe("the digest chart", () => {
  it("draws the units with the most unanswered dossiers and the causes in Vietnamese, as a PNG", () => {
    const svg = digestChartSvg(translator.forLocale("vi"), "vi", TZ, { digest, weekKey: "2031-W16" });
    expect(svg).toContain("Đơn vị có nhiều hồ sơ chưa trả lời nhất");
    expect(svg.indexOf("Sở Tài nguyên và Môi trường")).toBeLessThan(svg.indexOf("Phường Đống Đa"));
    expect(svg).toContain("lỗi đồng bộ với Cổng quốc gia: 48 (50,0%)");
    const png = digestChartPng(translator.forLocale("vi"), "vi", TZ, { digest, weekKey: "2031-W16" });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
  });
});
