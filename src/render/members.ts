// /members: the list of a unit's members, a member's card, the removal question.
import type { Locale } from "../config.js";
import type { Role } from "../domain/roles.js";
import { formatDate } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type PersonNameParts, personName, placeName } from "./names.js";

export const MEMBERS_PAGE_SIZE = 15;

export interface MemberLine {
  role: Role;
  since: Date;
  person: PersonNameParts;
}

type Place = { nameVi: string; nameEn: string | null } | null;

/** The members on one page (the last page when `page` is past it), and how many pages there are. */
export function memberPage<M>(
  members: readonly M[],
  page: number,
): { shown: M[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(members.length / MEMBERS_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = members.slice(current * MEMBERS_PAGE_SIZE, (current + 1) * MEMBERS_PAGE_SIZE);
  return { shown, page: current, pages };
}

/** The title (unit and count), one line per shown member, and for admins on the city list a hint. */
export function memberListText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  list: { unit: Place; total: number; shown: readonly MemberLine[]; unitHint: boolean },
): string {
  const title = t("members.title", { unit: placeName(list.unit, t, locale), count: list.total });
  const lines = list.shown.map((member) =>
    t("members.line", {
      name: personName(member.person),
      role: t(`roles.${member.role}`),
      since: formatDate(locale, member.since, timeZone),
    }),
  );
  const empty = list.total === 0 ? [t("members.empty")] : [];
  const hint = list.unitHint ? ["", t("members.unitHint")] : [];
  return [title, ...lines, ...empty, ...hint].join("\n");
}

export function memberCardText(t: TFunction, locale: Locale, timeZone: string, member: MemberLine): string {
  return [
    t("members.cardTitle", { name: personName(member.person) }),
    t("members.cardRole", { role: t(`roles.${member.role}`) }),
    t("members.cardSince", { since: formatDate(locale, member.since, timeZone) }),
  ].join("\n");
}

export function memberRemoveQuestion(t: TFunction, member: MemberLine): string {
  return t("members.removeConfirm", { name: personName(member.person), role: t(`roles.${member.role}`) });
}
