import type { MembershipView } from "../../repositories/people.js";

export { personName, placeName, unitName } from "../../render/names.js";

export function rolesOf(memberships: readonly MembershipView[]) {
  return [...new Set(memberships.map((membership) => membership.role))];
}
