// `/start inv_<code>`: the person opening an invite link is shown what it is for; nothing
// changes until they confirm (accept-invite). A wrong code counts toward the guessing lockout.
import { inTransaction } from "../../db/transaction.js";
import { type InviteRefusal, refusalFor } from "../../domain/invites.js";
import { InvitesRepository, type InviteView } from "../../repositories/invites.js";
import type { AppContext } from "../context.js";
import { lockoutMinutes } from "./guessing.js";

export type OpenInviteOutcome =
  | { kind: "offer"; invite: InviteView }
  | { kind: "refused"; status: InviteRefusal }
  | { kind: "lockedOut"; minutes: number };

export async function openInvite(
  app: AppContext,
  input: { telegramUserId: number; personId: number | null; code: string },
): Promise<OpenInviteOutcome> {
  const now = app.now();
  return inTransaction(app.db, async (tx) => {
    const invites = new InvitesRepository(tx);
    const minutes = await lockoutMinutes(invites, input.telegramUserId, now);
    if (minutes > 0) return { kind: "lockedOut", minutes };
    const invite = await invites.findByCode(input.code);
    const refusal = refusalFor(invite, input.personId, now);
    if (!invite || refusal) {
      await invites.recordAttempt(input.telegramUserId, input.personId, false, now);
      return { kind: "refused", status: refusal ?? "unknown" };
    }
    return { kind: "offer", invite };
  });
}
