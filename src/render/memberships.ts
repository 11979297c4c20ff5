// A person's own memberships: the /start greeting and how /switch and /leave name each one.
import type { Locale } from "../config.js";
import type { Role } from "../domain/roles.js";
import type { TFunction } from "../i18n/index.js";
import { placeName } from "./names.js";

export interface MembershipLine {
  role: Role;
  unit: { nameVi: string; nameEn: string | null } | null;
}

/** "Unit head — Phường Bến Nghé". */
export function membershipLabel(t: TFunction, locale: Locale, membership: MembershipLine): string {
  return `${t(`roles.${membership.role}`)} — ${placeName(membership.unit, t, locale)}`;
}

/** /start without a payload: the roles a person holds, or how to get one. */
export function welcomeText(
  t: TFunction,
  locale: Locale,
  person: { name: string; telegramId: number; memberships: readonly MembershipLine[] },
): string {
  const welcome = t("start.welcome", { name: person.name });
  if (person.memberships.length === 0)
    return [welcome, t("start.noMembership", { telegramId: person.telegramId })].join("\n\n");
  const lines = person.memberships.map((membership) =>
    t("start.membershipLine", {
      role: t(`roles.${membership.role}`),
      unit: placeName(membership.unit, t, locale),
    }),
  );
  return [welcome, t("start.yourRoles"), ...lines, "", t("start.seeHelp")].join("\n");
}
