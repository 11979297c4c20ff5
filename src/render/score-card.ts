// A unit's score card as a message: short lines for a phone, every missing figure said to be
// missing (never shown as 0), and the portal's "as of" with the note that counts are cumulative.
import type { Locale } from "../config.js";
import type { ScoreCard, ScoreGroupCode } from "../domain/score-card.js";
import { formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type UnitNames, unitName } from "./names.js";
import { fitOneMessage } from "./telegram-limits.js";

export interface ScoreCardMessageData {
  unit: UnitNames;
  card: ScoreCard;
}

export function scoreCardMessage(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  { unit, card }: ScoreCardMessageData,
): { text: string } {
  const points = (value: number) => formatNumber(locale, value, { fractionDigits: 1 });
  const percent = (value: number) => formatNumber(locale, value, { fractionDigits: 0 });
  const lines = [
    t("scoreCard.title", { month: formatMonth(locale, card.period.year, card.period.month) }),
    t("scoreCard.unit", { unit: unitName(unit, locale) }),
    card.total === null ? t("scoreCard.totalMissing") : t("scoreCard.total", { total: points(card.total) }),
  ];
  if (card.total !== null) lines.push(changeLine(t, locale, card, points));
  if (card.rankInKind && card.rankOverall) {
    lines.push(
      t("scoreCard.rank", {
        rank: card.rankInKind.rank,
        outOf: card.rankInKind.outOf,
        kind: t(`scoreCard.kinds.${card.rankInKind.kind}`),
        overall: card.rankOverall.rank,
        overallOutOf: card.rankOverall.outOf,
      }),
    );
  }
  lines.push(cityLine(t, card, points), "", t("scoreCard.groupsTitle"));
  for (const group of card.groups) {
    const label = groupLabel(t, group.code);
    lines.push(
      group.points === null || group.percent === null
        ? t("scoreCard.groupMissing", { label, max: group.max })
        : t("scoreCard.group", {
            label,
            points: points(group.points),
            max: group.max,
            percent: percent(group.percent),
          }),
    );
  }
  if (card.weakest.length > 0) {
    const weakest = card.weakest.map((code) =>
      t("scoreCard.weakestGroup", {
        label: groupLabel(t, code),
        percent: percent(card.groups.find((group) => group.code === code)?.percent ?? 0),
      }),
    );
    lines.push(t("scoreCard.weakest", { groups: weakest.join(", ") }));
  }
  lines.push("", t("scoreCard.asOf", { asOf: formatDateTime(locale, card.asOf, timeZone) }));
  return { text: fitOneMessage(lines, "…") };
}

function changeLine(
  t: TFunction,
  locale: Locale,
  card: ScoreCard,
  points: (value: number) => string,
): string {
  if (!card.change) return t("scoreCard.changeUnknown");
  const { previousPeriod, previousTotal, delta } = card.change;
  const month = formatMonth(locale, previousPeriod.year, previousPeriod.month);
  if (delta === 0) return t("scoreCard.changeSame", { month });
  return t(delta > 0 ? "scoreCard.changeUp" : "scoreCard.changeDown", {
    delta: points(Math.abs(delta)),
    month,
    previous: points(previousTotal),
  });
}

function cityLine(t: TFunction, card: ScoreCard, points: (value: number) => string): string {
  if (!card.city) return t("scoreCard.cityMissing");
  const total = points(card.city.total);
  return card.city.rank !== null && card.city.rankOutOf !== null
    ? t("scoreCard.cityRanked", { total, rank: card.city.rank, outOf: card.city.rankOutOf })
    : t("scoreCard.city", { total });
}

export function groupLabel(t: TFunction, code: ScoreGroupCode): string {
  return t(`scoreCard.groups.${code}`);
}
