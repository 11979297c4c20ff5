import type { Locale } from "../../config.js";
import { unitName } from "../../render/units.js";
import type { MembershipView } from "../../repositories/people.js";

export { unitName };

/** Where a membership or invite applies: its unit, or (without one) the whole city. */
export function placeName(
  unit: { nameVi: string; nameEn: string | null } | null,
  t: (key: string) => string,
  locale: Locale,
): string {
  return unit ? unitName(unit, locale) : t("start.wholeCity");
}

export function rolesOf(memberships: readonly MembershipView[]) {
  return [...new Set(memberships.map((membership) => membership.role))];
}

export function personName(person: {
  firstName: string | null;
  lastName?: string | null;
  username?: string | null;
  telegramUserId: number;
}): string {
  const name = [person.firstName, person.lastName].filter(Boolean).join(" ");
  const handle = person.username ? `@${person.username}` : "";
  return [name, handle].filter(Boolean).join(" ") || `#${person.telegramUserId}`;
}
