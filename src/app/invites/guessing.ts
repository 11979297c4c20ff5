import { DEFAULT_GUESSING_POLICY, guessingLockoutMinutes } from "../../domain/invites.js";
import type { InvitesRepository } from "../../repositories/invites.js";

/** How long this user must wait before trying another invite code (0: they need not). */
export async function lockoutMinutes(
  invites: InvitesRepository,
  telegramUserId: number,
  at: Date,
): Promise<number> {
  const since = new Date(at.getTime() - DEFAULT_GUESSING_POLICY.windowMinutes * 60_000);
  return guessingLockoutMinutes(await invites.failuresSince(telegramUserId, since), at);
}
