// A unit's overdue dossiers as messages: the summary (pushed monthly and answered to /overdue),
// one page of the list, and one dossier's card. Applicants are masked unless the caller says
// the reader and the chat may see them (src/domain/disclosure.ts).
import type { Locale } from "../config.js";
import { maskName } from "../domain/disclosure.js";
import { type OverdueDossier, type OverduePage, type OverdueSummary, pageOffset } from "../domain/overdue.js";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type UnitNames, unitName } from "./names.js";
import { fitOneMessage } from "./telegram-limits.js";

/** A list line keeps long procedure names to this many characters. */
const PROCEDURE_SHOWN = 80;

/** Calendar dates stored without a time (apology and resolution dates) are midnight UTC. */
const DATE_ONLY_ZONE = "UTC";

export interface OverdueSummaryMessageData {
  unit: UnitNames;
  summary: OverdueSummary;
}

export function overdueSummaryMessage(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  { unit, summary }: OverdueSummaryMessageData,
): { text: string } {
  const count = (value: number) => formatNumber(locale, value);
  const lines = [
    t("overdue.summaryTitle", { month: formatMonth(locale, summary.period.year, summary.period.month) }),
    t("overdue.unit", { unit: unitName(unit, locale) }),
  ];
  if (summary.overdue === 0) lines.push(t("overdue.none"));
  else {
    lines.push(
      t("overdue.overdue", { count: count(summary.overdue) }),
      t("overdue.missingCause", { count: count(summary.missingCause) }),
      t("overdue.missingApology", { count: count(summary.missingApology) }),
      t("overdue.unresolved", { count: count(summary.unresolved) }),
    );
  }
  if (summary.oldest) {
    const { code, daysOverdue, dueAt } = summary.oldest;
    const due = formatDate(locale, dueAt, timeZone);
    lines.push(
      daysOverdue === null
        ? t("overdue.oldestNoDays", { code, due })
        : t("overdue.oldest", { code, days: count(daysOverdue), due }),
    );
  }
  lines.push("", t("overdue.note", { asOf: formatDateTime(locale, summary.asOf, timeZone) }));
  return { text: lines.join("\n") };
}

export interface OverduePageMessageData {
  unit: UnitNames;
  page: OverduePage;
}

/** The number a list line and its button share: counted across pages, from 1. */
export function itemNumber(page: OverduePage, index: number): number {
  return pageOffset(page.page) + index + 1;
}

export function overduePageMessage(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  { unit, page }: OverduePageMessageData,
): { text: string } {
  const lines = [
    t("overdue.listTitle", {
      unit: unitName(unit, locale),
      month: formatMonth(locale, page.period.year, page.period.month),
    }),
    t("overdue.listFilter", {
      filter: t(`overdue.filters.${page.filter}`),
      count: formatNumber(locale, page.total),
      page: page.page + 1,
      pages: page.pageCount,
    }),
    "",
  ];
  if (page.items.length === 0) lines.push(t("overdue.listEmpty"));
  page.items.forEach((item, index) => {
    lines.push(
      t("overdue.item", {
        n: itemNumber(page, index),
        code: item.code,
        days:
          item.daysOverdue === null
            ? t("overdue.itemNoDays", { due: formatDate(locale, item.dueAt, timeZone) })
            : t("overdue.itemDays", { days: formatNumber(locale, item.daysOverdue) }),
      }),
      t("overdue.itemProcedure", { procedure: shorten(item.procedureName, PROCEDURE_SHOWN) }),
      t("overdue.itemStatus", {
        cause: item.hasCause ? "✅" : "❌",
        apology: item.hasApology ? "✅" : "❌",
        resolved: t(item.resolved ? "overdue.itemResolved" : "overdue.itemUnresolved"),
      }),
    );
  });
  lines.push("", t("overdue.listNote", { asOf: formatDateTime(locale, page.asOf, timeZone) }));
  return { text: fitOneMessage(lines, "…") };
}

export interface OverdueCardMessageData {
  dossier: OverdueDossier;
  /** Whether the reader, in this chat, may see the applicant's name (else it is masked). */
  showApplicant: boolean;
}

export function overdueCardMessage(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  { dossier, showApplicant }: OverdueCardMessageData,
): { text: string } {
  const date = (value: Date) => formatDate(locale, value, timeZone);
  const day = (value: Date) => formatDate(locale, value, DATE_ONLY_ZONE);
  const lines = [
    t("overdue.cardTitle", { code: dossier.code }),
    t("overdue.cardProcedure", { procedure: dossier.procedureName }),
  ];
  if (dossier.field) lines.push(t("overdue.cardField", { field: dossier.field }));
  lines.push(
    dossier.applicantName
      ? t("overdue.cardApplicant", {
          applicant: showApplicant ? dossier.applicantName : maskName(dossier.applicantName),
        })
      : t("overdue.cardApplicantMissing"),
    t("overdue.cardDates", { received: date(dossier.receivedAt), due: date(dossier.dueAt) }),
    dossier.daysOverdue === null
      ? t("overdue.cardDaysMissing")
      : t("overdue.cardDays", { days: formatNumber(locale, dossier.daysOverdue) }),
  );
  if (dossier.state === "OPEN" && dossier.finishedAt)
    lines.push(t("overdue.cardFinishedState", { date: date(dossier.finishedAt) }));
  else {
    lines.push(t("overdue.cardState", { state: t(`overdue.states.${dossier.state}`) }));
    if (dossier.finishedAt) lines.push(t("overdue.cardFinished", { date: date(dossier.finishedAt) }));
  }
  if (dossier.portalStatus) lines.push(t("overdue.cardPortalStatus", { status: dossier.portalStatus }));
  if (dossier.handlerName) lines.push(t("overdue.cardHandler", { handler: dossier.handlerName }));
  lines.push(
    "",
    causeLine(t, dossier.cause),
    dossier.apology
      ? t("overdue.cardApology", {
          number: dossier.apology.letterNumber,
          issued: day(dossier.apology.issuedOn),
          appointment: day(dossier.apology.newAppointmentOn),
        })
      : t("overdue.cardApologyMissing"),
    dossier.resolution
      ? t("overdue.cardResolution", {
          outcome: t(`overdue.outcomes.${dossier.resolution.outcome}`),
          date: day(dossier.resolution.resolvedOn),
        })
      : t("overdue.cardResolutionMissing"),
  );
  if (dossier.pause)
    lines.push(
      t("overdue.cardPause", { date: day(dossier.pause.startedOn), awaiting: dossier.pause.awaiting }),
    );
  return { text: fitOneMessage(lines, "…") };
}

function causeLine(t: TFunction, cause: OverdueDossier["cause"]): string {
  if (!cause) return t("overdue.cardCauseMissing");
  const label = t(`overdue.causes.${cause.category}`);
  return cause.detail
    ? t("overdue.cardCauseDetail", { cause: label, detail: cause.detail })
    : t("overdue.cardCause", { cause: label });
}

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}
