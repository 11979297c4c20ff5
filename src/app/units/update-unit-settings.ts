// A unit's delivery settings (/settings): where its pushes go, and whether its group may see
// applicants' names. Heads set their own unit's; Center admins any unit's.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import type { PushTarget } from "../../generated/prisma/client.js";
import { UnitsRepository } from "../../repositories/units.js";
import type { AppContext } from "../context.js";
import { changeUnit, type UnitChange } from "./unit-change.js";

export interface UpdateUnitSettingsInput {
  actor: Actor;
  unitId: number;
  settings: { pushTarget?: PushTarget; groupIsInternal?: boolean };
}

export type UpdateUnitSettingsOutcome = UnitChange | { kind: "forbidden" };

export async function updateUnitSettings(
  app: AppContext,
  input: UpdateUnitSettingsInput,
): Promise<UpdateUnitSettingsOutcome> {
  return inTransaction(app.db, async (tx): Promise<UpdateUnitSettingsOutcome> => {
    const units = new UnitsRepository(tx);
    const unit = await units.findSummary(input.unitId);
    if (!unit) return { kind: "gone" };
    if (!can(input.actor, "unit.configure", { unitId: unit.id })) return { kind: "forbidden" };
    return changeUnit(tx, units, {
      unitId: unit.id,
      actorId: input.actor.personId,
      action: "unit.configured",
      fields: input.settings,
    });
  });
}
