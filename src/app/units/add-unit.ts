// A Center admin adds a unit by hand (/units add): its code, name, kind (guessed from the name
// when not given) and, optionally, the code of the unit it sits under.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { guessUnitKind, type UnitKind } from "../../domain/unit-kind.js";
import { appendAudit } from "../../repositories/audit.js";
import { isUniqueViolation } from "../../repositories/errors.js";
import { type UnitSummary, UnitsRepository } from "../../repositories/units.js";
import type { AppContext } from "../context.js";

export interface AddUnitInput {
  actor: Actor;
  code: string;
  nameVi: string;
  /** Null: guessed from the name. */
  kind: UnitKind | null;
  parentCode: string | null;
}

export type AddUnitOutcome =
  | { kind: "done"; unit: UnitSummary }
  /** Another unit has the code or the name. */
  | { kind: "duplicate" }
  | { kind: "unknownParent"; code: string }
  | { kind: "forbidden" };

export async function addUnit(app: AppContext, input: AddUnitInput): Promise<AddUnitOutcome> {
  if (!can(input.actor, "unit.manage", { unitId: null })) return { kind: "forbidden" };
  const { parentCode } = input;
  try {
    return await inTransaction(app.db, async (tx) => {
      const units = new UnitsRepository(tx);
      const parent = parentCode ? await units.findByCode(parentCode) : null;
      if (parentCode && !parent) return { kind: "unknownParent", code: parentCode };
      const unit = await units.create({
        code: input.code,
        nameVi: input.nameVi,
        kind: input.kind ?? guessUnitKind(input.nameVi),
        parentId: parent?.id ?? null,
      });
      await appendAudit(tx, {
        actorId: input.actor.personId,
        action: "unit.created",
        entityType: "Unit",
        entityId: unit.id,
        unitId: unit.id,
        after: { ...unit, parentId: parent?.id ?? null },
      });
      return { kind: "done", unit };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "duplicate" };
    throw error;
  }
}
