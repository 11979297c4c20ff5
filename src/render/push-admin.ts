// What the Center admin who starts a push sees: the preview, the progress (one message edited
// as it goes) and the final report.
import type { Locale } from "../domain/locale.js";
import type { PeriodMonth } from "../domain/period.js";
import { formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { fitOneMessage } from "./telegram-limits.js";

export interface PushPreviewData {
  period: PeriodMonth;
  units: number;
  people: number;
  groups: number;
  messages: number;
  alreadyQueued: number;
  estimatedSeconds: number;
  unreachableUnits: ReadonlyArray<{ name: string; code: string | null }>;
  isUpdate: boolean;
}

/** Units without anyone to receive them, listed up to this many by name. */
const UNITS_NAMED = 15;

export function pushPreviewText(t: TFunction, locale: Locale, preview: PushPreviewData): string {
  const count = (value: number) => formatNumber(locale, value);
  const lines = [
    t("pushAdmin.previewTitle", { month: formatMonth(locale, preview.period.year, preview.period.month) }),
    preview.isUpdate ? t("pushAdmin.isUpdate") : null,
    t("pushAdmin.previewCounts", {
      units: count(preview.units),
      people: count(preview.people),
      groups: count(preview.groups),
      messages: count(preview.messages),
    }),
    preview.alreadyQueued > 0 ? t("pushAdmin.alreadyQueued", { count: count(preview.alreadyQueued) }) : null,
    t("pushAdmin.estimate", { duration: duration(t, locale, preview.estimatedSeconds) }),
    ...unreachableLines(t, locale, preview.unreachableUnits),
  ].filter((line): line is string => line !== null);
  return fitOneMessage(lines, "…");
}

function unreachableLines(
  t: TFunction,
  locale: Locale,
  units: ReadonlyArray<{ name: string; code: string | null }>,
): string[] {
  if (units.length === 0) return [];
  const named = units
    .slice(0, UNITS_NAMED)
    .map((unit) => `• ${unit.name}${unit.code ? ` (${unit.code})` : ""}`);
  const more = units.length - named.length;
  return [
    "",
    t("pushAdmin.unreachableTitle", { count: formatNumber(locale, units.length) }),
    ...named,
    ...(more > 0 ? [t("pushAdmin.andMore", { count: formatNumber(locale, more) })] : []),
  ];
}

export function duration(t: TFunction, locale: Locale, seconds: number): string {
  if (seconds < 60) return t("pushAdmin.seconds", { count: Math.max(1, Math.round(seconds)) });
  return t("pushAdmin.minutes", { count: formatNumber(locale, Math.ceil(seconds / 60)) });
}

export interface PushProgressData {
  total: number;
  sent: number;
  failed: number;
  pending: number;
  /** Null until a rate can be measured. */
  secondsLeft: number | null;
}

export function pushProgressText(t: TFunction, locale: Locale, progress: PushProgressData): string {
  const count = (value: number) => formatNumber(locale, value);
  return [
    t("pushAdmin.progressTitle"),
    t("pushAdmin.progressCounts", {
      sent: count(progress.sent),
      total: count(progress.total),
      failed: count(progress.failed),
    }),
    progress.secondsLeft === null
      ? t("pushAdmin.timeLeftUnknown")
      : t("pushAdmin.timeLeft", { duration: duration(t, locale, progress.secondsLeft) }),
  ].join("\n");
}

export interface PushReportData {
  total: number;
  sent: number;
  undeliverable: ReadonlyArray<{ name: string; unit: string }>;
  unreachableUnits: ReadonlyArray<{ name: string; code: string | null }>;
}

export function pushReportText(t: TFunction, locale: Locale, report: PushReportData): string {
  const count = (value: number) => formatNumber(locale, value);
  const lines = [
    t("pushAdmin.reportTitle"),
    t("pushAdmin.reportDelivered", { sent: count(report.sent), total: count(report.total) }),
  ];
  if (report.undeliverable.length > 0) {
    lines.push("", t("pushAdmin.undeliverableTitle", { count: count(report.undeliverable.length) }));
    lines.push(...report.undeliverable.map((entry) => `• ${entry.name} — ${entry.unit}`));
  }
  lines.push(...unreachableLines(t, locale, report.unreachableUnits));
  return fitOneMessage(lines, t("pushAdmin.truncated"));
}

export function pushSettingsText(
  t: TFunction,
  settings: { afterImport: boolean; dayOfMonth: number | null },
): string {
  return [
    t("pushAdmin.settingsTitle"),
    t("pushAdmin.settingsAfterImport", { state: t(settings.afterImport ? "pushAdmin.on" : "pushAdmin.off") }),
    t("pushAdmin.settingsDay", {
      day:
        settings.dayOfMonth === null
          ? t("pushAdmin.off")
          : t("pushAdmin.settingsDayOn", { day: settings.dayOfMonth }),
    }),
  ].join("\n");
}
