import type { Role } from "./roles.js";

/** Who is acting: the roles of their active memberships. */
export interface Actor {
  personId: number;
  roles: readonly Role[];
}

export type Action = "data.import";

const ALLOWED: Record<Action, readonly Role[]> = {
  "data.import": ["CENTER_ADMIN"],
};

/** The one place that says who may do what. Unit-scoped actions join here as they arrive. */
export function can(actor: Actor | null, action: Action): boolean {
  return actor?.roles.some((role) => ALLOWED[action].includes(role)) ?? false;
}
