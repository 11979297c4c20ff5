// /history's answer: a dossier's listings (which months it was overdue in, as of when) and its
// recorded events, newest first, within one message.
import type { Locale } from "../config.js";
import { maskName } from "../domain/disclosure.js";
import type { DossierHistory } from "../domain/dossier-history.js";
import { formatDate, formatDateTime, formatMonth } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { personName, unitName } from "./names.js";
import { fitOneMessage } from "./telegram-limits.js";

export function historyText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  dossier: DossierHistory,
  showApplicant: boolean,
): string {
  const applicant = dossier.applicantName
    ? showApplicant
      ? dossier.applicantName
      : maskName(dossier.applicantName)
    : "—";
  const lines = [
    t("history.title", { code: dossier.code }),
    t("history.procedure", { procedure: dossier.procedureName }),
    t("history.unit", { unit: unitName(dossier.unit, locale) }),
    t("history.applicant", { applicant }),
    t("history.dates", {
      received: formatDate(locale, dossier.receivedAt, timeZone),
      due: formatDate(locale, dossier.dueAt, timeZone),
    }),
    ...stateLines(t, locale, timeZone, dossier),
    "",
    t("history.listingsTitle"),
    ...dossier.listings.map((listing) =>
      t("history.listing", {
        month: formatMonth(locale, listing.year, listing.month),
        asOf: formatDateTime(locale, listing.asOf, timeZone),
        days: listing.daysOverdue ?? "—",
      }),
    ),
    "",
    t("history.eventsTitle"),
  ];
  if (dossier.events.length === 0) lines.push(t("history.noEvents"));
  for (const event of dossier.events) {
    lines.push(
      t("history.event", {
        at: formatDateTime(locale, event.at, timeZone),
        who: event.actor ? personName(event.actor) : (event.actorLabel ?? "—"),
        what: t(`history.actions.${event.action}`, { defaultValue: event.action }),
      }),
    );
  }
  // The oldest events go first when the message would be too long (the list is newest first).
  return fitOneMessage(lines, t("history.truncated"));
}

/**
 * The portal's record counts: a dossier it lists as finished was returned late, not left
 * unresolved (it still owes its cause and apology record, shown by the events).
 */
function stateLines(t: TFunction, locale: Locale, timeZone: string, dossier: DossierHistory): string[] {
  const lines =
    dossier.state === "OPEN" && dossier.finishedAt
      ? [t("history.finishedState", { date: formatDate(locale, dossier.finishedAt, timeZone) })]
      : [t("history.state", { state: t(`history.states.${dossier.state}`) })];
  if (dossier.portalStatus) lines.push(t("history.portalStatus", { status: dossier.portalStatus }));
  return lines;
}
