export const ROLES = ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** Heads and officers belong to a unit; Center admins and People's Committee viewers serve the whole city. */
export function isUnitRole(role: Role): boolean {
  return role === "UNIT_HEAD" || role === "OFFICER";
}
