// How units, places and people are named in messages.
import type { Locale } from "../config.js";

/** What a unit is called, in both languages. */
export interface UnitNames {
  nameVi: string;
  nameEn: string | null;
}

export function unitName(unit: UnitNames, locale: Locale): string {
  return locale === "en" && unit.nameEn ? unit.nameEn : unit.nameVi;
}

/** Where a membership or invite applies: its unit, or (without one) the whole city. */
export function placeName(unit: UnitNames | null, t: (key: string) => string, locale: Locale): string {
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
