import type { Actor } from "../../domain/policy.js";
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
