// Every unit's compliance for a period (or one unit's): the figures the CLI prints and the
// digest will send, read from the period's current overdue list.
import type { UnitCompliance } from "../../domain/compliance.js";
import { unitCompliance } from "../../domain/compliance.js";
import type { OverdueSnapshotRef } from "../../domain/overdue.js";
import type { PeriodMonth } from "../../domain/period.js";
import { type Actor, can } from "../../domain/policy.js";
import { OverdueRepository } from "../../repositories/overdue.js";
import { type UnitSummary, UnitsRepository } from "../../repositories/units.js";
import type { AppContext } from "../context.js";

export type ComplianceReportOutcome =
  /** No overdue list was imported (for the period asked for). */
  | { kind: "noList" }
  | { kind: "unknownUnit"; code: string }
  | { kind: "forbidden" }
  | {
      kind: "done";
      snapshot: OverdueSnapshotRef;
      units: Array<{ unit: UnitSummary; compliance: UnitCompliance }>;
    };

export async function complianceReport(
  app: AppContext,
  input: { by: { actor: Actor } | { actorLabel: string }; period?: PeriodMonth; unitCode?: string },
): Promise<ComplianceReportOutcome> {
  const overdue = new OverdueRepository(app.db);
  const unitsRepository = new UnitsRepository(app.db);
  const mayView = (unitId: number) =>
    "actorLabel" in input.by || can(input.by.actor, "report.view", { unitId });
  const unit = input.unitCode === undefined ? null : await unitsRepository.findByCode(input.unitCode);
  if (input.unitCode !== undefined && !unit) return { kind: "unknownUnit", code: input.unitCode };
  if (unit && !mayView(unit.id)) return { kind: "forbidden" };
  const snapshot = await overdue.findSnapshot(input.period);
  if (!snapshot) return { kind: "noList" };
  const figures = await overdue.compliance(snapshot, unit ? [unit.id] : undefined);
  const units = unit ? [unit] : await unitsRepository.findSummaries([...figures.keys()]);
  return {
    kind: "done",
    snapshot,
    units: units
      .filter((candidate) => mayView(candidate.id))
      .sort((a, b) => (a.code ?? a.nameVi).localeCompare(b.code ?? b.nameVi, "vi"))
      .map((candidate) => ({
        unit: candidate,
        compliance: figures.get(candidate.id) ?? unitCompliance(candidate.id, snapshot),
      })),
  };
}
