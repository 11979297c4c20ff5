// CENTER_ADMIN_IDS at start-up: each Telegram user id listed there is an active Center admin.
import { inTransaction } from "../../db/transaction.js";
import { appendAudit } from "../../repositories/audit.js";
import { lockMembershipsOf } from "../../repositories/locks.js";
import { MembershipsRepository } from "../../repositories/memberships.js";
import { PeopleRepository } from "../../repositories/people.js";
import type { AppContext } from "../context.js";

export type EnsureCenterAdminsOutcome = { kind: "done"; granted: number[] };

/**
 * Makes each Telegram user id an active Center admin. Idempotent; `granted` lists the ids that
 * were newly made admins. Several instances starting at once grant each id exactly once: the
 * people are recorded with INSERT … ON CONFLICT DO NOTHING (the second instance waits for the
 * first one's rows instead of failing), and each person's memberships are locked before
 * looking for their admin membership. The ids are handled in ascending order, so that two
 * instances take the locks in the same order and never wait for each other in a circle.
 */
export async function ensureCenterAdmins(
  app: AppContext,
  input: { actorLabel: string; telegramUserIds: readonly number[] },
): Promise<EnsureCenterAdminsOutcome> {
  const telegramUserIds = [...new Set(input.telegramUserIds)].sort((a, b) => a - b);
  if (telegramUserIds.length === 0) return { kind: "done", granted: [] };
  return inTransaction(app.db, async (tx) => {
    const memberships = new MembershipsRepository(tx);
    const personIds = await new PeopleRepository(tx).recordIds(telegramUserIds);
    const granted: number[] = [];
    for (const telegramUserId of telegramUserIds) {
      const personId = personIds.get(telegramUserId) as number;
      await lockMembershipsOf(tx, personId);
      if (await memberships.findHeld(personId, "CENTER_ADMIN", null)) continue;
      const membership = await memberships.grant({ personId, role: "CENTER_ADMIN", unitId: null });
      await appendAudit(tx, {
        actorLabel: input.actorLabel,
        action: "membership.granted",
        entityType: "Membership",
        entityId: membership.id,
        after: { telegramUserId, role: "CENTER_ADMIN" },
      });
      granted.push(telegramUserId);
    }
    return { kind: "done", granted };
  });
}
