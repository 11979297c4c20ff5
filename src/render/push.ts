// The monthly push's texts: the card a unit head and the unit's group receive (what changed
// since the last push of the month, the score card, the overdue summary) and the short notice
// an officer gets.
import type { Locale } from "../domain/locale.js";
import type { OverdueSummary } from "../domain/overdue.js";
import type { PushUpdate } from "../domain/push.js";
import type { ScoreCard } from "../domain/score-card.js";
import { formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type UnitNames, unitName } from "./names.js";
import { overdueSummaryMessage } from "./overdue.js";
import { scoreCardMessage } from "./score-card.js";
import { fitOneMessage } from "./telegram-limits.js";

export interface PushMessageData {
  unit: UnitNames;
  scoreCard: ScoreCard | null;
  overdue: OverdueSummary | null;
  update: PushUpdate | null;
}

export function pushCardText(t: TFunction, locale: Locale, timeZone: string, data: PushMessageData): string {
  const parts: string[] = [];
  if (data.update) parts.push(updateText(t, locale, timeZone, data));
  if (data.scoreCard)
    parts.push(scoreCardMessage(t, locale, timeZone, { unit: data.unit, card: data.scoreCard }).text);
  if (data.overdue)
    parts.push(overdueSummaryMessage(t, locale, timeZone, { unit: data.unit, summary: data.overdue }).text);
  return fitOneMessage(parts.join("\n\n").split("\n"), t("push.truncated"));
}

function updateText(t: TFunction, locale: Locale, timeZone: string, data: PushMessageData): string {
  const update = data.update as PushUpdate;
  const lines = [t("push.updateTitle", { asOf: formatDateTime(locale, update.previousAsOf, timeZone) })];
  const total = data.scoreCard?.total ?? null;
  if (update.previous.total !== null && total !== null && update.previous.total !== total) {
    const points = (value: number) => formatNumber(locale, value, { fractionDigits: 1 });
    lines.push(t("push.updateTotal", { from: points(update.previous.total), to: points(total) }));
  }
  const overdue = data.overdue?.overdue ?? null;
  if (update.previous.overdue !== null && overdue !== null && update.previous.overdue !== overdue) {
    lines.push(
      t("push.updateOverdue", {
        from: formatNumber(locale, update.previous.overdue),
        to: formatNumber(locale, overdue),
      }),
    );
  }
  if (lines.length === 1) lines.push(t("push.updateSame"));
  return lines.join("\n");
}

/** An officer's notice: the unit's counts in one line and a button to the list. */
export function pushOfficerNotice(t: TFunction, locale: Locale, data: PushMessageData): string {
  const month = data.overdue?.period ?? data.scoreCard?.period;
  const lines = [
    t("push.officerTitle", {
      unit: unitName(data.unit, locale),
      month: month ? formatMonth(locale, month.year, month.month) : "—",
    }),
  ];
  if (data.overdue && data.overdue.overdue > 0) {
    lines.push(
      t("push.officerCounts", {
        overdue: formatNumber(locale, data.overdue.overdue),
        missingCause: formatNumber(locale, data.overdue.missingCause),
        missingApology: formatNumber(locale, data.overdue.missingApology),
      }),
    );
  } else lines.push(t("push.officerNone"));
  return lines.join("\n");
}
