import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "../../src/i18n/format.js";
import { createTranslator, resolveLocale } from "../../src/i18n/index.js";

const zone = "Asia/Ho_Chi_Minh";
// 11:00 on 11/04/2025 in Hanoi, the "as of" time of the March 2025 figures.
const asOf = new Date("2025-04-11T04:00:00Z");

describe("formatting", () => {
  it("writes decimals the Vietnamese way and the English way", () => {
    expect(formatNumber("vi", 58.3)).toBe("58,3");
    expect(formatNumber("en", 58.3)).toBe("58.3");
    expect(formatNumber("vi", 54000)).toBe("54.000");
    expect(formatNumber("en", 54000)).toBe("54,000");
    expect(formatNumber("vi", 8, { fractionDigits: 1 })).toBe("8,0");
  });

  it("writes dates day first in the configured time zone", () => {
    expect(formatDate("vi", asOf, zone)).toBe("11/04/2025");
    expect(formatDate("en", asOf, zone)).toBe("11 Apr 2025");
    // 20:00 UTC on 31/03 is already 1 April in Hanoi.
    expect(formatDate("vi", new Date("2025-03-31T20:00:00Z"), zone)).toBe("01/04/2025");
  });

  it("writes date-times and months", () => {
    expect(formatDateTime("vi", asOf, zone)).toBe("11:00 11/04/2025");
    expect(formatDateTime("en", asOf, zone)).toBe("11 Apr 2025, 11:00");
    expect(formatMonth("vi", 2025, 3)).toBe("03/2025");
    expect(formatMonth("en", 2025, 3)).toBe("March 2025");
  });
});

describe("resolveLocale", () => {
  it("prefers the stored choice, then Telegram's language, then the default", () => {
    expect(resolveLocale("en", "vi", "vi")).toBe("en");
    expect(resolveLocale(null, "vi", "en")).toBe("vi");
    expect(resolveLocale(null, "vi-VN", "en")).toBe("vi");
    expect(resolveLocale(null, "fr", "vi")).toBe("en");
    expect(resolveLocale(null, undefined, "vi")).toBe("vi");
    expect(resolveLocale("xx", undefined, "en")).toBe("en");
  });
});

describe("translator", () => {
  it("translates per language and escapes interpolated HTML", () => {
    const translator = createTranslator("vi");
    expect(translator.forLocale("vi")("roles.OFFICER")).toBe("Cán bộ, công chức");
    expect(translator.forLocale("en")("roles.OFFICER")).toBe("Civil servant");
    expect(translator.forLocale("en")("fallback.unknownCommand", { command: "<b>/x</b>" })).toBe(
      "I don't know the command &lt;b&gt;/x&lt;/b&gt;.",
    );
  });
});
