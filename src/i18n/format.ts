import type { Locale } from "../config.js";

const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

/** 58.3 as "58,3" in Vietnamese and "58.3" in English; trailing zeros dropped unless fixed. */
export function formatNumber(
  locale: Locale,
  value: number,
  options: { fractionDigits?: number } = {},
): string {
  const digits = options.fractionDigits;
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? 2,
  }).format(value);
}

/** A calendar date in the configured time zone: vi "11/04/2025", en "11 Apr 2025". */
export function formatDate(locale: Locale, date: Date, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    locale === "vi"
      ? { day: "2-digit", month: "2-digit", year: "numeric", timeZone }
      : { day: "2-digit", month: "short", year: "numeric", timeZone };
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], options).format(date);
}

/** A moment in the configured time zone: vi "11:00 11/04/2025", en "11 Apr 2025, 11:00". */
export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
  const day = formatDate(locale, date, timeZone);
  return locale === "vi" ? `${time} ${day}` : `${day}, ${time}`;
}

/** "03/2025" in Vietnamese, "March 2025" in English. */
export function formatMonth(locale: Locale, year: number, month: number): string {
  if (locale === "vi") return `${String(month).padStart(2, "0")}/${year}`;
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
