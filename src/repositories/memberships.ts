import type { PrismaClient } from "../generated/prisma/client.js";
import { appendAudit } from "./audit.js";

export class MembershipsRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Makes each Telegram user id an active Center admin (CENTER_ADMIN_IDS at start-up).
   * Idempotent; returns the ids that were newly made admins.
   */
  async ensureCenterAdmins(telegramUserIds: readonly number[]): Promise<number[]> {
    const granted: number[] = [];
    for (const telegramUserId of telegramUserIds) {
      const made = await this.db.$transaction(async (tx) => {
        const person = await tx.person.upsert({
          where: { telegramUserId: BigInt(telegramUserId) },
          create: { telegramUserId: BigInt(telegramUserId) },
          update: {},
        });
        const existing = await tx.membership.findFirst({
          where: { personId: person.id, role: "CENTER_ADMIN", unitId: null, status: "ACTIVE" },
        });
        if (existing) return false;
        const membership = await tx.membership.create({
          data: { personId: person.id, role: "CENTER_ADMIN" },
        });
        await appendAudit(tx, {
          actorLabel: "config:CENTER_ADMIN_IDS",
          action: "membership.granted",
          entityType: "Membership",
          entityId: membership.id,
          after: { telegramUserId, role: "CENTER_ADMIN" },
        });
        return true;
      });
      if (made) granted.push(telegramUserId);
    }
    return granted;
  }
}
