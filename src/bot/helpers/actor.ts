import type { Actor } from "../../domain/policy.js";
import type { BotContext } from "../context.js";
import { rolesOf } from "./display.js";

/** The person behind the update as the policy sees them; null for strangers. */
export function actorOf(ctx: BotContext): Actor | null {
  if (!ctx.person) return null;
  return { personId: ctx.person.id, roles: rolesOf(ctx.person.memberships) };
}
