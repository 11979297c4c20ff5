// Builders of a month's imported state, written straight to the test database: units, period
// snapshots, unit scores, listed dossiers and what units recorded for them. Each call makes
// fresh rows (unique codes), so tests sharing a database do not see each other's units.
import { normalizeName } from "../../src/domain/names.js";
import type { UnitKind } from "../../src/domain/unit-kind.js";
import type { PrismaClient, SnapshotKind } from "../../src/generated/prisma/client.js";

let sequence = 0;
const next = () => ++sequence;

export async function createUnit(
  db: PrismaClient,
  options: { kind?: UnitKind; name?: string; code?: string; nameEn?: string } = {},
) {
  const n = next();
  const name = options.name ?? `Phường Dữ Liệu ${n}`;
  return db.unit.create({
    data: {
      code: options.code ?? `MD${n}`,
      nameVi: name,
      nameEn: options.nameEn ?? null,
      normalizedName: normalizeName(name),
      kind: options.kind ?? "COMMUNE",
    },
  });
}

export interface SnapshotOptions {
  year: number;
  month: number;
  kind: SnapshotKind;
  asOf?: Date;
  isCurrent?: boolean;
}

/** A period's snapshot (the period is made when missing), with the import batch it came from. */
export async function createSnapshot(db: PrismaClient, options: SnapshotOptions) {
  const period = await db.reportingPeriod.upsert({
    where: { year_month: { year: options.year, month: options.month } },
    create: { year: options.year, month: options.month },
    update: {},
  });
  const batch = await db.importBatch.create({
    data: {
      kind: options.kind,
      source: "CLI",
      fileName: "test.xlsx",
      fileSha256: String(next()),
      rowCount: 0,
      summary: {},
    },
  });
  const snapshot = await db.periodSnapshot.create({
    data: {
      periodId: period.id,
      kind: options.kind,
      asOf: options.asOf ?? new Date(Date.UTC(options.year, options.month, 11, 4)),
      source: "test",
      importBatchId: batch.id,
      isCurrent: options.isCurrent ?? true,
      ...(options.isCurrent === false ? { supersededAt: new Date() } : {}),
    },
  });
  return { ...snapshot, period };
}

type Groups = Partial<
  Record<
    "publicity" | "progress" | "onlineService" | "onlinePayment" | "satisfaction" | "digitisation",
    string | null
  >
>;

export async function addScore(
  db: PrismaClient,
  snapshotId: number,
  unitId: number,
  total: string,
  extra: Groups & { rank?: number; rankOutOf?: number } = {},
) {
  return db.unitScore.create({ data: { snapshotId, unitId, total, ...extra } });
}

export interface DossierOptions {
  daysOverdue?: number | null;
  code?: string;
  applicantName?: string | null;
  state?: "OPEN" | "RESOLVED" | "NO_LONGER_LISTED";
  finishedAt?: Date | null;
  dueAt?: Date;
  procedureName?: string;
}

/** A dossier of the unit listed on the snapshot (the dossier is made when `existing` is not given). */
export async function listDossier(
  db: PrismaClient,
  snapshot: { id: number; periodId: number },
  unitId: number,
  options: DossierOptions = {},
  existing?: { id: number },
) {
  const dossier =
    existing ??
    (await db.dossier.create({
      data: {
        code: options.code ?? `000.00.20.H26-250301-${String(next()).padStart(5, "0")}`,
        procedureName: options.procedureName ?? "Đăng ký khai sinh",
        applicantName: options.applicantName === undefined ? "Nguyễn Văn An" : options.applicantName,
        receivedAt: new Date("2025-03-03T02:00:00Z"),
        dueAt: options.dueAt ?? new Date("2025-03-10T10:00:00Z"),
        finishedAt: options.finishedAt ?? null,
        daysOverdue: options.daysOverdue ?? null,
        state: options.state ?? "OPEN",
        unitId,
        firstPeriodId: snapshot.periodId,
        lastPeriodId: snapshot.periodId,
      },
    }));
  await db.dossierListing.create({
    data: {
      dossierId: dossier.id,
      snapshotId: snapshot.id,
      periodId: snapshot.periodId,
      unitId,
      daysOverdue: options.daysOverdue ?? null,
    },
  });
  return dossier;
}

export async function recordCause(
  db: PrismaClient,
  dossierId: number,
  options: {
    superseded?: boolean;
    category?: "WAITING_FOR_OTHER_AGENCY" | "SYNC_ERROR";
    detail?: string;
  } = {},
) {
  return db.causeReport.create({
    data: {
      dossierId,
      category: options.category ?? "WAITING_FOR_OTHER_AGENCY",
      detail: options.detail ?? null,
      ...(options.superseded ? { supersededAt: new Date() } : {}),
    },
  });
}

export async function recordApology(db: PrismaClient, dossierId: number) {
  return db.apologyRecord.create({
    data: {
      dossierId,
      letterNumber: `${next()}/PXL`,
      issuedOn: new Date("2025-03-09T00:00:00Z"),
      signerName: "Trần Thị Bình",
      signerCapacity: "HEAD",
      form: "PAPER",
      newAppointmentOn: new Date("2025-03-15T00:00:00Z"),
    },
  });
}

export async function recordResolution(
  db: PrismaClient,
  dossierId: number,
  options: { revoked?: boolean } = {},
) {
  return db.dossierResolution.create({
    data: {
      dossierId,
      outcome: "RESULT_ISSUED",
      resolvedOn: new Date("2025-03-20T00:00:00Z"),
      ...(options.revoked ? { revokedAt: new Date() } : {}),
    },
  });
}
