// The weekly digest as a message (the Center's and the People's Committee's version: neither
// carries personal data, the message only names units), and a unit head's short summary of
// their own unit. Every figure comes from `Digest`; the chart and the workbook show the same.
import type { Locale } from "../config.js";
import type { Digest, DigestAudience, RankedUnit } from "../domain/digest.js";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { unitName } from "./names.js";
import { fitOneMessage } from "./telegram-limits.js";

/** Units named at each end of the ranking, and silent units listed by name. */
export const WORST_SHOWN = 5;
export const BEST_SHOWN = 3;
export const SILENT_SHOWN = 10;
export const INSPECTIONS_SHOWN = 10;

export interface DigestMessageData {
  digest: Digest;
  weekKey: string;
  audience: DigestAudience;
}

/** "+2,5" / "−1,2" / "0": a change in points with its sign. */
export function signed(locale: Locale, value: number): string {
  const text = formatNumber(locale, Math.abs(value), { fractionDigits: 1 });
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : formatNumber(locale, 0);
}

export function digestMessage(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  { digest, weekKey, audience }: DigestMessageData,
): { text: string } {
  const percent = (value: number) => formatNumber(locale, value, { fractionDigits: 1 });
  const lines = [
    t(audience === "center" ? "digest.title" : "digest.titlePc", { week: weekKey }),
    t("digest.at", { at: formatDateTime(locale, digest.at, timeZone) }),
    "",
    cityLine(t, locale, timeZone, digest),
    "",
  ];
  if (!digest.list) {
    lines.push(t("digest.noList"));
  } else {
    const { totals } = digest;
    lines.push(
      t("digest.list", {
        month: formatMonth(locale, digest.list.period.year, digest.list.period.month),
        asOf: formatDateTime(locale, digest.list.asOf, timeZone),
        overdue: formatNumber(locale, totals.overdue),
        units: formatNumber(locale, totals.units),
      }),
      t("digest.answers", {
        withCause: formatNumber(locale, totals.withCause),
        withApology: formatNumber(locale, totals.withApology),
        resolved: formatNumber(locale, totals.resolved),
        unanswered: formatNumber(locale, totals.unanswered),
      }),
      t("digest.compliance", {
        compliance: percent(totals.compliance),
        change: signed(locale, totals.change),
        before: percent(totals.complianceWeekAgo),
      }),
    );
    lines.push(...rankingLines(t, locale, digest.ranking));
    lines.push(...silentLines(t, locale, digest.silentUnits));
    lines.push("", t("digest.causesTitle"));
    if (digest.causes.length === 0) lines.push(t("digest.noCauses"));
    for (const cause of digest.causes) {
      lines.push(
        t("digest.causeRow", {
          cause: t(`overdue.causes.${cause.category}`),
          count: formatNumber(locale, cause.count),
          percent: percent(cause.percent),
        }),
      );
    }
  }
  lines.push("", t("digest.escalationsTitle"));
  for (const row of digest.escalations) {
    lines.push(
      t(row.level === "L3_PEOPLES_COMMITTEE" ? "digest.escalationRowL3" : "digest.escalationRow", {
        level: t(`digest.levels.${row.level}`),
        open: row.open,
        newThisWeek: row.newThisWeek,
        acknowledged: row.acknowledged,
        overdue: row.acknowledgementOverdue,
      }),
    );
  }
  lines.push("");
  if (digest.inspectionsDue.length === 0) lines.push(t("digest.noInspections"));
  else {
    lines.push(t("digest.inspectionsTitle", { count: digest.inspectionsDue.length }));
    for (const due of digest.inspectionsDue.slice(0, INSPECTIONS_SHOWN)) {
      lines.push(
        t("digest.inspectionRow", {
          date: formatDate(locale, new Date(`${due.plannedOn}T12:00:00Z`), "UTC"),
          unit: unitName(due, locale),
        }),
      );
    }
    if (digest.inspectionsDue.length > INSPECTIONS_SHOWN)
      lines.push(t("digest.andMore", { count: digest.inspectionsDue.length - INSPECTIONS_SHOWN }));
  }
  return { text: fitOneMessage(lines, "…") };
}

function cityLine(t: TFunction, locale: Locale, timeZone: string, digest: Digest): string {
  const city = digest.city;
  if (!city) return t("digest.cityMissing");
  const points = (value: number) => formatNumber(locale, value, { fractionDigits: 1 });
  const parts = [
    t("digest.city", {
      total: points(city.total),
      month: formatMonth(locale, city.period.year, city.period.month),
    }),
  ];
  if (city.change) {
    const month = formatMonth(locale, city.change.previousPeriod.year, city.change.previousPeriod.month);
    const delta = points(Math.abs(city.change.delta));
    parts.push(
      city.change.delta > 0
        ? t("digest.cityUp", { delta, month })
        : city.change.delta < 0
          ? t("digest.cityDown", { delta, month })
          : t("digest.citySame", { month }),
    );
  }
  if (city.rank !== null && city.rankOutOf !== null)
    parts.push(t("digest.cityRank", { rank: city.rank, outOf: city.rankOutOf }));
  parts.push(t("digest.cityAsOf", { asOf: formatDateTime(locale, city.asOf, timeZone) }));
  return parts.join(", ");
}

function unitRow(t: TFunction, locale: Locale, unit: RankedUnit): string {
  return t("digest.unitRow", {
    rank: unit.rank,
    unit: unitName(unit, locale),
    compliance: formatNumber(locale, unit.compliance, { fractionDigits: 1 }),
    change: signed(locale, unit.change),
    overdue: formatNumber(locale, unit.overdue),
    unanswered: formatNumber(locale, unit.unanswered),
  });
}

/** The lowest first (who needs a call), then the best; a short list is shown once. */
function rankingLines(t: TFunction, locale: Locale, ranking: readonly RankedUnit[]): string[] {
  if (ranking.length === 0) return [];
  const worst = [...ranking].reverse().slice(0, WORST_SHOWN);
  const best = ranking.slice(0, BEST_SHOWN).filter((unit) => !worst.includes(unit));
  const lines = ["", t("digest.worstTitle"), ...worst.map((unit) => unitRow(t, locale, unit))];
  if (best.length > 0) lines.push("", t("digest.bestTitle"), ...best.map((unit) => unitRow(t, locale, unit)));
  return lines;
}

function silentLines(t: TFunction, locale: Locale, silent: readonly RankedUnit[]): string[] {
  if (silent.length === 0) return [];
  const lines = [
    "",
    t("digest.silentTitle", { count: silent.length }),
    ...silent
      .slice(0, SILENT_SHOWN)
      .map((unit) =>
        t("digest.silentRow", { unit: unitName(unit, locale), overdue: formatNumber(locale, unit.overdue) }),
      ),
  ];
  if (silent.length > SILENT_SHOWN) lines.push(t("digest.andMore", { count: silent.length - SILENT_SHOWN }));
  return lines;
}

/** A unit head's own line of the week. */
export function unitDigestMessage(
  t: TFunction,
  locale: Locale,
  { digest, weekKey, unit }: { digest: Digest; weekKey: string; unit: RankedUnit },
): { text: string } {
  const list = digest.list;
  const lines = [
    t("digest.unitTitle", { week: weekKey, unit: unitName(unit, locale) }),
    t("digest.unitList", {
      month: list ? formatMonth(locale, list.period.year, list.period.month) : "",
      overdue: formatNumber(locale, unit.overdue),
    }),
    t("digest.answers", {
      withCause: formatNumber(locale, unit.withCause),
      withApology: formatNumber(locale, unit.withApology),
      resolved: formatNumber(locale, unit.resolved),
      unanswered: formatNumber(locale, unit.unanswered),
    }),
    t("digest.unitCompliance", {
      compliance: formatNumber(locale, unit.compliance, { fractionDigits: 1 }),
      change: signed(locale, unit.change),
      rank: unit.rank,
      outOf: digest.ranking.length,
    }),
  ];
  if (unit.overdue > 0 && unit.unanswered === unit.overdue) lines.push(t("digest.unitSilent"));
  lines.push("", t("digest.unitHint"));
  return { text: fitOneMessage(lines, "…") };
}
