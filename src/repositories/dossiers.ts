import type { DbClient } from "../db/prisma.js";
import type { DossierHistory } from "../domain/dossier-history.js";

export type { DossierHistory };

const EVENTS_SHOWN = 15;

/** Dossiers as the bot shows them; who may see one is the policy's call, made by the caller before showing. */
export class DossiersRepository {
  constructor(private readonly db: DbClient) {}

  async history(code: string): Promise<DossierHistory | null> {
    const row = await this.db.dossier.findUnique({
      where: { code },
      select: {
        id: true,
        code: true,
        procedureName: true,
        applicantName: true,
        state: true,
        receivedAt: true,
        dueAt: true,
        finishedAt: true,
        portalStatus: true,
        unit: { select: { id: true, code: true, nameVi: true, nameEn: true } },
        // The current figures of each month; superseded snapshots stay in the database.
        listings: {
          where: { snapshot: { isCurrent: true } },
          orderBy: [{ period: { year: "asc" } }, { period: { month: "asc" } }, { snapshot: { asOf: "asc" } }],
          select: {
            daysOverdue: true,
            period: { select: { year: true, month: true } },
            snapshot: { select: { asOf: true } },
          },
        },
        auditEvents: {
          orderBy: { at: "desc" },
          take: EVENTS_SHOWN,
          select: {
            at: true,
            action: true,
            actorLabel: true,
            actor: { select: { firstName: true, lastName: true, username: true, telegramUserId: true } },
          },
        },
      },
    });
    if (!row) return null;
    return {
      ...row,
      listings: row.listings.map((listing) => ({
        ...listing.period,
        asOf: listing.snapshot.asOf,
        daysOverdue: listing.daysOverdue,
      })),
      events: row.auditEvents.map((event) => ({
        ...event,
        actor: event.actor ? { ...event.actor, telegramUserId: Number(event.actor.telegramUserId) } : null,
      })),
    };
  }
}
