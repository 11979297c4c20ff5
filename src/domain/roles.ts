export const ROLES = ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"] as const;
export type Role = (typeof ROLES)[number];
