// A Center admin deactivates a unit (its memberships stop granting anything) or reactivates it.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { type UnitSummary, UnitsRepository } from "../../repositories/units.js";
import type { AppContext } from "../context.js";
import { changeUnit } from "./unit-change.js";

export interface SetUnitActiveInput {
  actor: Actor;
  unitId: number;
  active: boolean;
}

export type SetUnitActiveOutcome =
  /** `menusToRefresh`: the unit's people, whose command menus gain or lose what it allowed. */
  | { kind: "done"; unit: UnitSummary; menusToRefresh: number[] }
  | { kind: "unchanged"; unit: UnitSummary }
  | { kind: "gone" }
  | { kind: "forbidden" };

export async function setUnitActive(
  app: AppContext,
  input: SetUnitActiveInput,
): Promise<SetUnitActiveOutcome> {
  return inTransaction(app.db, async (tx): Promise<SetUnitActiveOutcome> => {
    const units = new UnitsRepository(tx);
    const unit = await units.findSummary(input.unitId);
    if (!unit) return { kind: "gone" };
    if (!can(input.actor, "unit.manage", { unitId: unit.id })) return { kind: "forbidden" };
    const change = await changeUnit(tx, units, {
      unitId: unit.id,
      actorId: input.actor.personId,
      action: input.active ? "unit.reactivated" : "unit.deactivated",
      fields: { active: input.active },
    });
    if (change.kind !== "done") return change;
    return { ...change, menusToRefresh: await units.memberTelegramIds(unit.id) };
  });
}
