// An escalation in words: its level, the evidence the policy found, what the unit head must
// do and by when, and its timeline.
import type { EscalationLevel, EscalationReason } from "../domain/escalation-policy.js";
import type { EscalationNotice } from "../domain/escalation-sweep.js";
import type { Locale } from "../domain/locale.js";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type UnitNames, unitName } from "./names.js";
import { fitOneMessage } from "./telegram-limits.js";

/** Dossier codes named in the evidence of a repeated delay. */
const CODES_SHOWN = 5;

function month(locale: Locale, key: string): string {
  const [year, value] = key.split("-").map(Number);
  return formatMonth(locale, year ?? 0, value ?? 0);
}

export function levelLabel(t: TFunction, level: EscalationLevel): string {
  return t(`escalations.levels.${level}`);
}

export function reasonLines(t: TFunction, locale: Locale, reasons: readonly EscalationReason[]): string[] {
  return reasons.map((reason) => reasonLine(t, locale, reason));
}

function reasonLine(t: TFunction, locale: Locale, reason: EscalationReason): string {
  const points = (value: number) => formatNumber(locale, value, { fractionDigits: 1 });
  switch (reason.code) {
    case "CONSECUTIVE_OVERDUE_MONTHS":
      return t("escalations.reasons.consecutive", {
        count: reason.months.length,
        months: reason.months
          .map((entry) => `${month(locale, entry.period)} (${formatNumber(locale, entry.overdue)})`)
          .join(", "),
      });
    case "SCORE_FALLING":
      return t("escalations.reasons.scoreFalling", {
        totals: reason.months
          .map((entry) => `${points(entry.total)} (${month(locale, entry.period)})`)
          .join(" → "),
      });
    case "SCORE_BELOW_THRESHOLD":
      return t("escalations.reasons.scoreBelow", {
        total: points(reason.total),
        threshold: points(reason.threshold),
        month: month(locale, reason.period),
      });
    case "REMINDERS_UNANSWERED":
    case "REMINDERS_IGNORED":
      return t("escalations.reasons.reminders", {
        count: reason.reminders,
        days: reason.workingDaysSince,
      });
    case "DOSSIER_OVERDUE_AGAIN":
      return t("escalations.reasons.again", {
        count: reason.dossiers.length,
        codes: reason.dossiers
          .slice(0, CODES_SHOWN)
          .map((dossier) => `<code>${dossier.code}</code>`)
          .join(", "),
      });
    case "MANUAL":
      return reason.note
        ? t("escalations.reasons.manualNote", { note: reason.note })
        : t("escalations.reasons.manual");
  }
}

/** The message one person gets about an escalation. */
export function escalationNoticeText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  notice: EscalationNotice,
): string {
  const unit = unitName(notice.unit, locale);
  const level = levelLabel(t, notice.level);
  const title = t(`escalations.notices.${notice.kind}`, { unit, level });
  const lines = [
    title,
    "",
    t("escalations.evidence"),
    ...reasonLines(t, locale, notice.reasons).map((line) => `• ${line}`),
  ];
  if ((notice.kind === "unitHead" || notice.kind === "acknowledgeReminder") && notice.acknowledgeBy)
    lines.push(
      "",
      t("escalations.acknowledgeBy", { date: formatDateTime(locale, notice.acknowledgeBy, timeZone) }),
    );
  if (notice.kind === "unitHead") lines.push(t("escalations.whatToDo"));
  return fitOneMessage(lines, "…");
}

export interface EscalationListItem {
  id: number;
  unit: UnitNames & { code: string | null };
  level: EscalationLevel;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgeBy: Date | null;
  deescalationProposedAt: Date | null;
}

export function escalationListText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  items: readonly EscalationListItem[],
  now: Date,
): string {
  if (items.length === 0) return t("escalations.noneOpen");
  const lines = [t("escalations.listTitle", { count: items.length })];
  let level: EscalationLevel | null = null;
  for (const item of items) {
    if (item.level !== level) {
      level = item.level;
      lines.push("", `<b>${levelLabel(t, level)}</b>`);
    }
    const state = item.acknowledgedAt
      ? t("escalations.acknowledged", { date: formatDate(locale, item.acknowledgedAt, timeZone) })
      : item.acknowledgeBy && item.acknowledgeBy < now
        ? t("escalations.acknowledgeOverdue")
        : t("escalations.notAcknowledged");
    const proposal = item.deescalationProposedAt ? ` · ${t("escalations.closeProposed")}` : "";
    lines.push(
      `• ${unitName(item.unit, locale)}${item.unit.code ? ` (${item.unit.code})` : ""} — ${t("escalations.since", { date: formatDate(locale, item.openedAt, timeZone) })} · ${state}${proposal}`,
    );
  }
  return fitOneMessage(lines, "…");
}

export interface TimelineEntry {
  at: Date;
  action: string;
  who: string | null;
  detail: string | null;
}

export function escalationTimelineText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  data: {
    unit: UnitNames;
    level: EscalationLevel;
    reasons: readonly EscalationReason[];
    closedAt: Date | null;
    entries: readonly TimelineEntry[];
  },
): string {
  const lines = [
    t("escalations.timelineTitle", { unit: unitName(data.unit, locale), level: levelLabel(t, data.level) }),
    data.closedAt
      ? t("escalations.closedOn", { date: formatDate(locale, data.closedAt, timeZone) })
      : t("escalations.stillOpen"),
    "",
    t("escalations.evidence"),
    ...reasonLines(t, locale, data.reasons).map((line) => `• ${line}`),
    "",
    t("escalations.timeline"),
    ...data.entries.map((entry) =>
      t("escalations.entry", {
        at: formatDateTime(locale, entry.at, timeZone),
        what: t(`escalations.actions.${entry.action}`, { defaultValue: entry.action }),
        who: entry.who ?? t("escalations.system"),
      }),
    ),
  ];
  return fitOneMessage(lines, "…");
}

export function inspectionScheduledText(
  t: TFunction,
  locale: Locale,
  inspection: { id: number; plannedOn: string; seed: string; sample: ReadonlyArray<{ code: string }> },
): string {
  const [year, month, day] = inspection.plannedOn.split("-").map(Number);
  const date = formatDate(locale, new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, 5)), "UTC");
  const lines = [
    t("escalations.inspectionScheduled", { id: inspection.id, date, count: inspection.sample.length }),
    ...inspection.sample.map((dossier) => `• <code>${dossier.code}</code>`),
    t("escalations.inspectionSeed", { seed: inspection.seed }),
  ];
  if (inspection.sample.length === 0) lines.splice(1, 0, t("escalations.inspectionEmpty"));
  return fitOneMessage(lines, "…");
}

/** The Center's one message about a sweep's many notices: a line per unit. */
export function escalationSummaryText(
  t: TFunction,
  locale: Locale,
  notices: readonly EscalationNotice[],
): string {
  const lines = [t("escalations.summaryTitle", { count: notices.length }), ""];
  for (const notice of notices) {
    const [first] = reasonLines(t, locale, notice.reasons);
    const change = t(`escalations.summaryKinds.${notice.kind}`, { defaultValue: "" });
    lines.push(
      `• <b>${unitName(notice.unit, locale)}</b> — ${levelLabel(t, notice.level)}${change ? ` (${change})` : ""}${first ? `: ${first}` : ""}`,
    );
  }
  lines.push("", t("escalations.summaryHint"));
  return fitOneMessage(lines, t("escalations.summaryMore"));
}
