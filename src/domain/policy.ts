import type { Role } from "./roles.js";

/** One active membership as the policy sees it. CENTER_ADMIN and PC_VIEWER may have no unit. */
export interface ActorMembership {
  id: number;
  role: Role;
  unitId: number | null;
}

/** Who is acting: their active memberships (removed ones and those of deactivated units excluded). */
export interface Actor {
  personId: number;
  memberships: readonly ActorMembership[];
}

/**
 * What is acted on. `unitId` is always read from the database (the dossier's, the invite's,
 * the membership's unit), never from callback data; null means the city as a whole.
 * `roles` are the roles the action hands out or touches (an invite's role; a member's current
 * and new role).
 */
export interface Resource {
  unitId: number | null;
  roles?: readonly Role[];
}

export const ACTIONS = [
  "data.import",
  "unit.list",
  "unit.manage",
  "unit.view",
  "unit.configure",
  "group.bind",
  "member.list",
  "member.manage",
  "invite.create",
  "invite.revoke",
  "dossier.view",
  "dossier.viewApplicant",
  "dossier.answer",
  "dossier.override",
  "escalation.acknowledge",
  "report.view",
  "push.send",
  "escalation.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** A role grants an action on any unit (and the city as a whole) or on its own unit only. */
interface Grant {
  role: Role;
  scope: "any" | "own";
  /** When set, every role the resource touches must be one of these. */
  onlyRoles?: readonly Role[];
}

const admin: Grant = { role: "CENTER_ADMIN", scope: "any" };
const viewer: Grant = { role: "PC_VIEWER", scope: "any" };
const head: Grant = { role: "UNIT_HEAD", scope: "own" };
const officer: Grant = { role: "OFFICER", scope: "own" };
const headOverOfficers: Grant = { role: "UNIT_HEAD", scope: "own", onlyRoles: ["OFFICER"] };

const GRANTS: Record<Action, readonly Grant[]> = {
  "data.import": [admin],
  "unit.list": [admin],
  "unit.manage": [admin],
  "unit.view": [admin, viewer, head, officer],
  "unit.configure": [admin, head],
  "group.bind": [admin, head],
  "member.list": [admin, head],
  "member.manage": [admin, headOverOfficers],
  "invite.create": [admin, headOverOfficers],
  "invite.revoke": [admin, headOverOfficers],
  "dossier.view": [admin, viewer, head, officer],
  // Applicants' personal data is for the unit's own people only.
  "dossier.viewApplicant": [head, officer],
  "dossier.answer": [head, officer],
  // Reopening a resolved dossier, changing an apology's return date once set (audited).
  "dossier.override": [admin],
  "escalation.acknowledge": [head],
  "report.view": [admin, viewer, head, officer],
  "push.send": [admin],
  "escalation.manage": [admin],
};

function grants(grant: Grant, membership: ActorMembership, resource: Resource): boolean {
  if (membership.role !== grant.role) return false;
  if (grant.scope === "own" && (resource.unitId === null || membership.unitId !== resource.unitId))
    return false;
  const touched = resource.roles ?? [];
  return !grant.onlyRoles || touched.every((role) => grant.onlyRoles?.includes(role));
}

/**
 * The one place that says who may do what. Every command, button and job that reads or
 * changes unit data asks here. A person with several memberships may act through any of them.
 */
export function can(actor: Actor | null, action: Action, resource: Resource = { unitId: null }): boolean {
  if (!actor) return false;
  return GRANTS[action].some((grant) =>
    actor.memberships.some((membership) => grants(grant, membership, resource)),
  );
}

/** The units an actor may act on for an action through their own-unit memberships. */
export function ownUnitsFor(actor: Actor | null, action: Action, roles?: readonly Role[]): number[] {
  if (!actor) return [];
  const units = actor.memberships
    .filter((membership) => membership.unitId !== null)
    .filter((membership) => can(actor, action, { unitId: membership.unitId, ...(roles ? { roles } : {}) }))
    .map((membership) => membership.unitId as number);
  return [...new Set(units)];
}

/** Whether the action is granted on every unit (a Center admin's or a viewer's reach). */
export function canOnAnyUnit(actor: Actor | null, action: Action): boolean {
  if (!actor) return false;
  return GRANTS[action].some(
    (grant) =>
      grant.scope === "any" && actor.memberships.some((membership) => membership.role === grant.role),
  );
}
