// The reminder a unit's heads and officers get while dossiers of the pushed month still lack a
// cause or an apology record (one message per unit, never one per dossier), and the answers
// to "remind me next working day".
import type { Locale } from "../config.js";
import type { UnitCompliance } from "../domain/compliance.js";
import type { IsoDate } from "../domain/working-days.js";
import { formatMonth, formatNumber } from "../i18n/format.js";
import { escapeHtml, type TFunction } from "../i18n/index.js";
import { formatLocalDate } from "./local-date.js";
import { type UnitNames, unitName } from "./names.js";

export interface ReminderMessageData {
  unit: UnitNames;
  compliance: UnitCompliance;
  /** The first dossiers still owing an answer. */
  codes: readonly string[];
  reminderNumber: number;
}

export function reminderText(t: TFunction, locale: Locale, data: ReminderMessageData): string {
  const { compliance } = data;
  const count = (value: number) => formatNumber(locale, value);
  const lines = [
    t("reminders.title", {
      unit: unitName(data.unit, locale),
      month: formatMonth(locale, compliance.period.year, compliance.period.month),
    }),
    t("reminders.owing", { count: compliance.owing, shown: count(compliance.owing) }),
    t("reminders.missingCause", { count: count(compliance.overdue - compliance.withCause) }),
    t("reminders.missingApology", { count: count(compliance.overdue - compliance.withApology) }),
  ];
  if (data.codes.length > 0) {
    lines.push("", t("reminders.codesTitle"));
    for (const code of data.codes) lines.push(`• <code>${escapeHtml(code)}</code>`);
    const more = compliance.owing - data.codes.length;
    if (more > 0) lines.push(t("reminders.more", { count: more, shown: count(more) }));
  }
  if (data.reminderNumber > 1) lines.push("", t("reminders.again", { number: count(data.reminderNumber) }));
  return lines.join("\n");
}

export function snoozedText(t: TFunction, locale: Locale, timeZone: string, until: IsoDate): string {
  return t("reminders.snoozed", { date: formatLocalDate(locale, until, timeZone) });
}

export function snoozedThisWeekText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  allowedFrom: IsoDate,
): string {
  return t("reminders.snoozedThisWeek", { date: formatLocalDate(locale, allowedFrom, timeZone) });
}
