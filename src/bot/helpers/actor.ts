import { type Action, type Actor, ownUnitsFor } from "../../domain/policy.js";
import type { Role } from "../../domain/roles.js";
import type { MembershipView, PersonView } from "../../repositories/people.js";
import type { BotContext } from "../context.js";

/** The person behind the update as the policy sees them; null for strangers. */
export function actorOf(ctx: BotContext): Actor | null {
  if (!ctx.person) return null;
  return {
    personId: ctx.person.id,
    memberships: ctx.person.memberships.map((membership) => ({
      id: membership.id,
      role: membership.role,
      unitId: membership.unit?.id ?? null,
    })),
  };
}

/** The membership a person acts as: the one they chose, while it lasts, else their first. */
export function activeMembership(person: PersonView | null): MembershipView | null {
  if (!person) return null;
  return (
    person.memberships.find((membership) => membership.id === person.activeMembershipId) ??
    person.memberships[0] ??
    null
  );
}

/**
 * The units a person may act on through their own memberships, for this action: just the
 * unit they act as when it is one of them (they change it with /switch), else all of them.
 */
export function ownUnitsInFocus(ctx: BotContext, action: Action, roles?: readonly Role[]): number[] {
  const own = ownUnitsFor(actorOf(ctx), action, roles);
  const active = activeMembership(ctx.person)?.unit?.id;
  return active !== undefined && own.includes(active) ? [active] : own;
}
