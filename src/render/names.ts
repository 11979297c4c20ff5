// How units, places and people are named in messages.
import type { Locale } from "../config.js";

export function unitName(unit: { nameVi: string; nameEn: string | null }, locale: Locale): string {
  return locale === "en" && unit.nameEn ? unit.nameEn : unit.nameVi;
}

/** Where a membership or invite applies: its unit, or (without one) the whole city. */
export function placeName(
  unit: { nameVi: string; nameEn: string | null } | null,
  t: (key: string) => string,
  locale: Locale,
): string {
  return unit ? unitName(unit, locale) : t("start.wholeCity");
}

export interface PersonNameParts {
  firstName: string | null;
  lastName?: string | null;
  username?: string | null;
  telegramUserId: number;
}

export function personName(person: PersonNameParts): string {
  const name = [person.firstName, person.lastName].filter(Boolean).join(" ");
  const handle = person.username ? `@${person.username}` : "";
  return [name, handle].filter(Boolean).join(" ") || `#${person.telegramUserId}`;
}
