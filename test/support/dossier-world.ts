// A unit with an overdue dossier on the March 2025 list, its head and officer, another unit's
// head, a Center admin and a People's Committee viewer: the cast of the dossier answer tests.
// The clock stands at 10:00 on 11/04/2025 in Hanoi unless a test moves it.
import { type AppContext, appContext } from "../../src/app/context.js";
import type { Actor } from "../../src/domain/policy.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createSnapshot, createUnit, type DossierOptions, listDossier } from "./monthly-data.js";
import { buildActor, uniqueNumber } from "./unit-builders.js";

export const HANOI = "Asia/Ho_Chi_Minh";
/** 10:00 on 11/04/2025 in Hanoi. */
export const NOW = new Date("2025-04-11T03:00:00Z");

export interface DossierWorld {
  db: PrismaClient;
  /** The app on a clock tests may move (`clock.now = ...`). */
  app: AppContext;
  clock: { now: Date };
  unitId: number;
  snapshotId: number;
  dossier: { id: number; code: string };
  head: Actor;
  officer: Actor;
  otherHead: Actor;
  admin: Actor;
  viewer: Actor;
  /** Another dossier of the same unit on the same list. */
  addDossier(options?: DossierOptions): Promise<{ id: number; code: string }>;
}

export async function buildDossierWorld(db: PrismaClient): Promise<DossierWorld> {
  const unit = await createUnit(db);
  const other = await createUnit(db);
  const snapshot = await createSnapshot(db, { year: 2025, month: 3, kind: "OVERDUE_DOSSIERS" });
  const addDossier = async (options: DossierOptions = {}) => {
    const code = options.code ?? `000.00.20.H26-250301-W${uniqueNumber()}`;
    const { id } = await listDossier(db, snapshot, unit.id, { daysOverdue: 20, ...options, code });
    return { id, code };
  };
  const clock = { now: NOW };
  return {
    db,
    app: appContext(db, () => clock.now),
    clock,
    unitId: unit.id,
    snapshotId: snapshot.id,
    dossier: await addDossier(),
    head: await buildActor(db, "UNIT_HEAD", unit.id),
    officer: await buildActor(db, "OFFICER", unit.id),
    otherHead: await buildActor(db, "UNIT_HEAD", other.id),
    admin: await buildActor(db, "CENTER_ADMIN"),
    viewer: await buildActor(db, "PC_VIEWER"),
    addDossier,
  };
}

/** The audit actions written for a dossier, oldest first. */
export async function auditActions(db: PrismaClient, dossierId: number): Promise<string[]> {
  const events = await db.auditEvent.findMany({ where: { dossierId }, orderBy: { id: "asc" } });
  return events.map((event) => event.action);
}
