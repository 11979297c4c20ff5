import type { Prisma } from "../generated/prisma/client.js";

export interface AuditEntry {
  actorId?: number | null;
  actorLabel?: string;
  action: string;
  entityType: string;
  entityId: string | number;
  unitId?: number | null;
  dossierId?: number | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

type AuditWriter = {
  auditEvent: { create(args: { data: Prisma.AuditEventUncheckedCreateInput }): Promise<unknown> };
};

/** Appends one audit event; pass the transaction client so the event commits with the change. */
export async function appendAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      unitId: entry.unitId ?? null,
      dossierId: entry.dossierId ?? null,
      ...(entry.before != null ? { before: entry.before } : {}),
      ...(entry.after != null ? { after: entry.after } : {}),
    },
  });
}
