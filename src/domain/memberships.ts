import type { Role } from "./roles.js";

/** An active membership, as the rules about memberships see it. */
export interface HeldMembership {
  id: number;
  role: Role;
  unitId: number | null;
}

/**
 * One person holds one role in a unit: an officer who accepts a head's invite stops being an
 * officer there. Returns the memberships that linking with a new role in `unitId` ends. Roles
 * that serve the whole city (no unit) sit side by side.
 */
export function membershipsReplacedByLinking<M extends HeldMembership>(
  held: readonly M[],
  unitId: number | null,
): M[] {
  if (unitId === null) return [];
  return held.filter((membership) => membership.unitId === unitId);
}
