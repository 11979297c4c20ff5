import type { Locale } from "../../config.js";
import type { MembershipView } from "../../repositories/people.js";

export function unitName(unit: { nameVi: string; nameEn: string | null }, locale: Locale): string {
  return locale === "en" && unit.nameEn ? unit.nameEn : unit.nameVi;
}

export function rolesOf(memberships: readonly MembershipView[]) {
  return [...new Set(memberships.map((membership) => membership.role))];
}
