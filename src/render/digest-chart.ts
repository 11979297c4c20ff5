// The digest's picture (the units with the most unanswered dossiers, and the causes split) and
// a unit's picture (its groups against their maximum, its total over the last months), as SVG
// strings built from the same figures as the messages, then PNG via `svgToPng`.
import type { Locale } from "../config.js";
import type { Digest } from "../domain/digest.js";
import type { PeriodMonth } from "../domain/period.js";
import type { ScoreCard } from "../domain/score-card.js";
import { formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type UnitNames, unitName } from "./names.js";
import { CHART_FONT_FAMILY, escapeXml, fitLabel, svgToPng } from "./png.js";
import { groupLabel } from "./score-card.js";

const WIDTH = 1200;
const MARGIN = 40;
const LABEL_WIDTH = 420;
const BAR_HEIGHT = 26;
const BAR_GAP = 10;
/** Units shown in the digest's bar chart. */
export const CHART_UNITS = 10;

const COLORS = ["#c0392b", "#e67e22", "#f1c40f", "#27ae60", "#2980b9", "#8e44ad", "#7f8c8d"];

function text(
  x: number,
  y: number,
  content: string,
  options: { size?: number; bold?: boolean; anchor?: "start" | "end" | "middle"; color?: string } = {},
): string {
  return `<text x="${x}" y="${y}" font-family="${CHART_FONT_FAMILY}" font-size="${options.size ?? 16}"${
    options.bold ? ' font-weight="bold"' : ""
  } text-anchor="${options.anchor ?? "start"}" fill="${options.color ?? "#222"}">${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${x}" y="${y}" width="${Math.max(0, width)}" height="${height}" fill="${fill}"/>`;
}

function svg(height: number, body: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${rect(0, 0, WIDTH, height, "#ffffff")}${body.join("")}</svg>`;
}

interface Bar {
  label: string;
  value: number;
  /** The bar's full length stands for this (a group's maximum); default: the largest value. */
  max?: number;
  caption: string;
  color?: string;
}

/** Horizontal bars from `top`, labels on the left; returns the elements and the height used. */
function bars(items: readonly Bar[], top: number): { body: string[]; height: number } {
  const largest = Math.max(1, ...items.map((item) => item.max ?? item.value));
  const barArea = WIDTH - 2 * MARGIN - LABEL_WIDTH - 120;
  const body = items.flatMap((item, index) => {
    const y = top + index * (BAR_HEIGHT + BAR_GAP);
    const x = MARGIN + LABEL_WIDTH;
    const full = ((item.max ?? largest) / largest) * barArea;
    const length = (item.value / largest) * barArea;
    return [
      text(x - 12, y + BAR_HEIGHT - 7, fitLabel(item.label, LABEL_WIDTH - 12, 16), { anchor: "end" }),
      ...(item.max === undefined ? [] : [rect(x, y, full, BAR_HEIGHT, "#ecf0f1")]),
      rect(x, y, length, BAR_HEIGHT, item.color ?? COLORS[0] ?? "#c0392b"),
      text(x + Math.max(length, item.max === undefined ? 0 : full) + 10, y + BAR_HEIGHT - 7, item.caption, {
        size: 15,
      }),
    ];
  });
  return { body, height: items.length * (BAR_HEIGHT + BAR_GAP) };
}

export interface DigestChartData {
  digest: Digest;
  weekKey: string;
}

export function digestChartSvg(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  { digest, weekKey }: DigestChartData,
): string {
  const number = (value: number) => formatNumber(locale, value);
  const body: string[] = [
    text(MARGIN, 44, t("digest.chart.unansweredTitle"), { size: 24, bold: true }),
    text(
      MARGIN,
      72,
      t("digest.chart.subtitle", {
        week: weekKey,
        month: digest.list ? formatMonth(locale, digest.list.period.year, digest.list.period.month) : "—",
        at: formatDateTime(locale, digest.at, timeZone),
      }),
      { size: 15, color: "#555" },
    ),
  ];
  let y = 100;
  const worst = digest.ranking
    .filter((unit) => unit.unanswered > 0)
    .sort((a, b) => b.unanswered - a.unanswered || a.rank - b.rank)
    .slice(0, CHART_UNITS);
  if (worst.length === 0) {
    body.push(text(MARGIN, y + 24, t("digest.chart.noUnanswered"), { color: "#555" }));
    y += 50;
  } else {
    const chart = bars(
      worst.map((unit) => ({
        label: unitName(unit, locale),
        value: unit.unanswered,
        caption: `${number(unit.unanswered)}/${number(unit.overdue)}`,
      })),
      y,
    );
    body.push(...chart.body);
    y += chart.height + 20;
  }

  y += 30;
  body.push(text(MARGIN, y, t("digest.chart.causesTitle"), { size: 24, bold: true }));
  y += 24;
  const total = digest.causes.reduce((sum, cause) => sum + cause.count, 0);
  if (total === 0) {
    body.push(text(MARGIN, y + 24, t("digest.chart.noCauses"), { color: "#555" }));
    y += 50;
  } else {
    // One bar split by share, then a legend line per cause.
    let x = MARGIN;
    const span = WIDTH - 2 * MARGIN;
    digest.causes.forEach((cause, index) => {
      const width = (cause.count / total) * span;
      body.push(rect(x, y, width, 36, COLORS[index % COLORS.length] ?? "#999"));
      x += width;
    });
    y += 60;
    digest.causes.forEach((cause, index) => {
      body.push(rect(MARGIN, y - 16, 20, 20, COLORS[index % COLORS.length] ?? "#999"));
      body.push(
        text(
          MARGIN + 32,
          y,
          `${t(`overdue.causes.${cause.category}`)}: ${number(cause.count)} (${formatNumber(locale, cause.percent, { fractionDigits: 1 })}%)`,
        ),
      );
      y += 30;
    });
  }
  return svg(y + MARGIN, body);
}

export function digestChartPng(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  data: DigestChartData,
): Buffer {
  return svgToPng(digestChartSvg(t, locale, timeZone, data));
}

export interface UnitChartData {
  unit: UnitNames;
  card: ScoreCard;
  /** The unit's totals of the last months, oldest first. */
  history: ReadonlyArray<{ period: PeriodMonth; total: number }>;
}

/** A unit's groups against their maximum, then its total month by month (columns). */
export function unitChartSvg(t: TFunction, locale: Locale, { unit, card, history }: UnitChartData): string {
  const points = (value: number) => formatNumber(locale, value, { fractionDigits: 1 });
  const body: string[] = [
    text(
      MARGIN,
      44,
      t("digest.chart.unitTitle", {
        unit: unitName(unit, locale),
        month: formatMonth(locale, card.period.year, card.period.month),
      }),
      { size: 22, bold: true },
    ),
    text(MARGIN, 70, t("digest.chart.groupsAxis"), { size: 15, color: "#555" }),
  ];
  const groups = bars(
    card.groups.map((group) => ({
      label: groupLabel(t, group.code),
      value: group.points ?? 0,
      max: group.max,
      caption: group.points === null ? `—/${group.max}` : `${points(group.points)}/${group.max}`,
      color: "#2980b9",
    })),
    90,
  );
  body.push(...groups.body);
  let y = 90 + groups.height + 50;
  body.push(text(MARGIN, y, t("digest.chart.historyTitle"), { size: 22, bold: true }));
  y += 20;
  const chartHeight = 220;
  if (history.length === 0) {
    body.push(text(MARGIN, y + 30, t("digest.chart.noHistory"), { color: "#555" }));
    return svg(y + 60 + MARGIN, body);
  }
  const slot = Math.min(120, (WIDTH - 2 * MARGIN) / history.length);
  history.forEach((month, index) => {
    const height = (Math.max(0, month.total) / 100) * chartHeight;
    const x = MARGIN + index * slot;
    body.push(rect(x + 10, y + chartHeight - height, slot - 20, height, "#27ae60"));
    body.push(
      text(x + slot / 2, y + chartHeight - height - 8, points(month.total), { size: 15, anchor: "middle" }),
    );
    body.push(
      text(x + slot / 2, y + chartHeight + 22, formatMonth(locale, month.period.year, month.period.month), {
        size: 14,
        anchor: "middle",
      }),
    );
  });
  return svg(y + chartHeight + 40 + MARGIN, body);
}

export function unitChartPng(t: TFunction, locale: Locale, data: UnitChartData): Buffer {
  return svgToPng(unitChartSvg(t, locale, data));
}
