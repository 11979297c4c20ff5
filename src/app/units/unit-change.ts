// What renaming, (de)activating and configuring a unit share: the write of the fields that
// differ, audited with what they were and became. Runs inside the caller's transaction.

import type { DbClient } from "../../db/prisma.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { appendAudit } from "../../repositories/audit.js";
import type { UnitFields, UnitSummary, UnitsRepository } from "../../repositories/units.js";

export type UnitChange =
  | { kind: "done"; unit: UnitSummary }
  /** The unit already was so: nothing written, nothing audited. */
  | { kind: "unchanged"; unit: UnitSummary }
  | { kind: "gone" };

export async function changeUnit(
  tx: DbClient,
  units: UnitsRepository,
  change: { unitId: number; actorId: number; action: string; fields: Partial<UnitFields> },
): Promise<UnitChange> {
  const before = await units.findFields(change.unitId);
  if (!before) return { kind: "gone" };
  const changed = (Object.keys(change.fields) as Array<keyof UnitFields>).filter(
    (key) => change.fields[key] !== before[key],
  );
  // A press that changes nothing (the same setting twice) writes nothing and is not audited.
  if (changed.length === 0) {
    const unit = await units.findSummary(change.unitId);
    return unit ? { kind: "unchanged", unit } : { kind: "gone" };
  }
  const unit = await units.update(change.unitId, change.fields);
  await appendAudit(tx, {
    actorId: change.actorId,
    action: change.action,
    entityType: "Unit",
    entityId: change.unitId,
    unitId: change.unitId,
    before: pick(before, changed),
    after: pick({ ...before, ...change.fields }, changed),
  });
  return { kind: "done", unit };
}

function pick(record: Partial<UnitFields>, keys: readonly (keyof UnitFields)[]): Prisma.InputJsonObject {
  return Object.fromEntries(keys.map((key) => [key, record[key] as Prisma.InputJsonValue]));
}
