// What units record for their overdue dossiers: causes (the latest is current, earlier ones
// superseded), the apology record, resolutions (an undone or reopened one is revoked, kept),
// pauses while the applicant is awaited. Built on a use-case's transaction.
import type { DbClient } from "../db/prisma.js";
import type {
  ApologyInput,
  DossierAnswerRecord,
  DossierRecordState,
  ResolutionOutcome,
} from "../domain/dossier-answers.js";
import type { CauseCategory } from "../domain/dossier-life.js";
import { Prisma } from "../generated/prisma/client.js";

/** The current cause: the latest not superseded. */
export const CURRENT_CAUSE = {
  where: { supersededAt: null },
  orderBy: { reportedAt: "desc" },
  take: 1,
} as const satisfies Prisma.Dossier$causeReportsArgs;
/** The live resolution: the latest not undone or reopened. */
export const LIVE_RESOLUTION = {
  where: { revokedAt: null },
  orderBy: { recordedAt: "desc" },
  take: 1,
} as const satisfies Prisma.Dossier$resolutionsArgs;
/** The open wait for the applicant. */
export const OPEN_PAUSE = {
  where: { endedOn: null },
  orderBy: { startedOn: "desc" },
  take: 1,
} as const satisfies Prisma.Dossier$slaPausesArgs;

const recordSelect = {
  id: true,
  unitId: true,
  code: true,
  receivedAt: true,
  dueAt: true,
  state: true,
  finishedAt: true,
  causeReports: { ...CURRENT_CAUSE, select: { id: true, category: true, detail: true } },
  apologyRecord: { select: { id: true, newAppointmentOn: true } },
  resolutions: { ...LIVE_RESOLUTION, select: { id: true, recordedById: true, recordedAt: true } },
  slaPauses: { ...OPEN_PAUSE, select: { id: true, startedOn: true, awaiting: true } },
} satisfies Prisma.DossierSelect;

export class DossierAnswersRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * The dossier with its current answers, its row locked until the transaction ends: two
   * presses of one button (or two people) judge and write one after the other, never both
   * on the same old state.
   */
  async lockRecord(dossierId: number): Promise<DossierAnswerRecord | null> {
    const locked = await this.db.$queryRaw<Array<{ id: number }>>(
      Prisma.sql`SELECT id FROM "Dossier" WHERE id = ${dossierId} FOR UPDATE`,
    );
    return locked.length === 0 ? null : this.record(dossierId);
  }

  /** The dossier with its current answers (what the card's buttons offer); null when there is none. */
  async record(dossierId: number): Promise<DossierAnswerRecord | null> {
    const row = await this.db.dossier.findUnique({ where: { id: dossierId }, select: recordSelect });
    if (!row) return null;
    const { causeReports, apologyRecord, resolutions, slaPauses, ...dossier } = row;
    return {
      ...dossier,
      cause: causeReports[0] ?? null,
      apology: apologyRecord,
      resolution: resolutions[0] ?? null,
      pause: slaPauses[0] ?? null,
    };
  }

  /** The unit's dossiers on a snapshot's list that have no current cause. */
  async missingCause(unitId: number, snapshotId: number): Promise<number[]> {
    const rows = await this.db.dossierListing.findMany({
      where: { snapshotId, unitId, dossier: { causeReports: { none: { supersededAt: null } } } },
      select: { dossierId: true },
      orderBy: { dossierId: "asc" },
    });
    return rows.map((row) => row.dossierId);
  }

  /** The new cause becomes current; the one it replaces is kept, superseded. */
  async giveCause(
    dossierId: number,
    cause: { category: CauseCategory; detail: string | null },
    personId: number,
    at: Date,
  ): Promise<{ id: number }> {
    await this.db.causeReport.updateMany({
      where: { dossierId, supersededAt: null },
      data: { supersededAt: at },
    });
    return this.db.causeReport.create({
      data: { dossierId, ...cause, reportedById: personId, reportedAt: at },
      select: { id: true },
    });
  }

  async recordApology(
    dossierId: number,
    apology: ApologyInput,
    dates: { issuedOn: Date; newAppointmentOn: Date },
    personId: number,
    at: Date,
  ): Promise<{ id: number }> {
    const { scan, issuedOn: _issued, newAppointmentOn: _appointment, ...letter } = apology;
    return this.db.apologyRecord.create({
      data: {
        dossierId,
        ...letter,
        ...dates,
        scanTelegramFileId: scan?.telegramFileId ?? null,
        scanKind: scan?.kind ?? null,
        scanSizeBytes: scan?.sizeBytes ?? null,
        scanSha256: scan?.sha256 ?? null,
        recordedById: personId,
        recordedAt: at,
      },
      select: { id: true },
    });
  }

  async changeAppointment(apologyId: number, newAppointmentOn: Date, personId: number, at: Date) {
    await this.db.apologyRecord.update({
      where: { id: apologyId },
      data: { newAppointmentOn, appointmentChangedById: personId, appointmentChangedAt: at },
    });
  }

  async markResolved(
    dossierId: number,
    resolution: {
      outcome: ResolutionOutcome;
      resolvedOn: Date;
      note: string | null;
      reference: string | null;
    },
    personId: number,
    at: Date,
  ): Promise<{ id: number }> {
    await this.setState(dossierId, "RESOLVED");
    return this.db.dossierResolution.create({
      data: { dossierId, ...resolution, recordedById: personId, recordedAt: at },
      select: { id: true },
    });
  }

  /** The resolution stays as history, revoked; the dossier is open again (or unlisted, if the portal dropped it). */
  async revokeResolution(dossierId: number, resolutionId: number, personId: number, at: Date) {
    await this.db.dossierResolution.update({
      where: { id: resolutionId },
      data: { revokedAt: at, revokedById: personId },
    });
    await this.setState(dossierId, (await this.onLatestList(dossierId)) ? "OPEN" : "NO_LONGER_LISTED");
  }

  async startPause(
    dossierId: number,
    pause: { startedOn: Date; awaiting: string },
    personId: number,
    at: Date,
  ): Promise<{ id: number }> {
    return this.db.slaPause.create({
      data: { dossierId, ...pause, recordedById: personId, recordedAt: at },
      select: { id: true },
    });
  }

  async endPause(pauseId: number, endedOn: Date, personId: number) {
    await this.db.slaPause.update({ where: { id: pauseId }, data: { endedOn, endedById: personId } });
  }

  private async setState(dossierId: number, state: DossierRecordState) {
    await this.db.dossier.update({ where: { id: dossierId }, data: { state } });
  }

  /** Whether the latest period's current overdue list names the dossier. */
  private async onLatestList(dossierId: number): Promise<boolean> {
    const rows = await this.db.$queryRaw<Array<{ listed: boolean }>>(Prisma.sql`
      WITH latest AS (
        SELECT p.id FROM "ReportingPeriod" p
        WHERE EXISTS (
          SELECT 1 FROM "PeriodSnapshot" s
          WHERE s."periodId" = p.id AND s.kind = 'OVERDUE_DOSSIERS' AND s."isCurrent"
        )
        ORDER BY p.year DESC, p.month DESC LIMIT 1
      )
      SELECT EXISTS (
        SELECT 1 FROM "DossierListing" l
        JOIN "PeriodSnapshot" s ON s.id = l."snapshotId" AND s."isCurrent" AND s.kind = 'OVERDUE_DOSSIERS'
        JOIN latest ON latest.id = s."periodId"
        WHERE l."dossierId" = ${dossierId}
      ) AS listed`);
    return rows[0]?.listed ?? false;
  }
}
