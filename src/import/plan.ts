// Decides what an import would do, from a parsed file and what the database holds. Pure: the
// preview and the import itself both run it, the import inside its transaction.
import { normalizeName } from "../domain/names.js";
import { guessUnitKind, type UnitKind } from "../domain/unit-kind.js";
import type { DossierRow, ImportWarning, ParsedFile, RowError, UnitScoreRow, YearMonth } from "./types.js";

export interface KnownUnit {
  id: number;
  code: string | null;
  normalizedName: string;
}

export interface ExistingDossier {
  id: number;
  code: string;
  unitId: number;
  state: "OPEN" | "RESOLVED" | "NO_LONGER_LISTED";
  dueAt: Date;
  finishedAt: Date | null;
  daysOverdue: number | null;
  handlerName: string | null;
  portalStatus: string | null;
}

export interface ImportState {
  units: readonly KnownUnit[];
  /** Dossiers already known, among the file's codes. */
  existingDossiers: ReadonlyMap<string, ExistingDossier>;
  /** The current snapshot of the same period and kind. */
  currentSnapshot: { id: number; asOf: Date } | null;
  /** The latest period that has a current overdue-dossier snapshot. */
  latestDossierPeriod: YearMonth | null;
  /** Open dossiers that the file does not list (they would become "no longer listed"). */
  openDossiersNotInFile: number;
}

export interface ImportOptions {
  period?: YearMonth;
  asOf?: Date;
  /** The Center confirmed that unknown units of a score sheet are to be created. */
  createUnknownUnits?: boolean;
}

export interface NewUnit {
  key: string;
  nameVi: string;
  code: string | null;
  normalizedName: string;
  kind: UnitKind;
}

/** A row tied to its unit: an existing unit's id, or the key of a unit the import creates. */
export type UnitLink = { unitId: number } | { newUnitKey: string };

export interface PlannedDossier {
  row: DossierRow;
  unit: UnitLink;
  daysOverdue: number | null;
  existing: ExistingDossier | null;
  changed: boolean;
}

export interface ImportPlan {
  kind: ParsedFile["kind"];
  fileName: string;
  period: YearMonth | null;
  asOf: Date | null;
  rowCount: number;
  errors: RowError[];
  warnings: ImportWarning[];
  ignoredColumns: string[];
  becomesCurrent: boolean;
  supersedesSnapshotId: number | null;
  unitsToCreate: NewUnit[];
  scores: Array<{ row: UnitScoreRow; unit: UnitLink }>;
  dossiers: PlannedDossier[];
  noLongerListed: number;
  /** Units the file's rows refer to. */
  unitCount: number;
}

export type WorkingDaysBetween = (from: Date, to: Date) => number;

export function planImport(
  file: ParsedFile,
  state: ImportState,
  options: ImportOptions,
  workingDaysBetween: WorkingDaysBetween,
): ImportPlan {
  const period = file.meta.period ?? options.period ?? null;
  const asOf = file.meta.asOf ?? options.asOf ?? null;
  const errors = [...file.errors];
  if (!period) errors.push({ row: null, column: null, value: null, code: "missingPeriod" });
  if (!asOf) errors.push({ row: null, column: null, value: null, code: "missingAsOf" });

  const becomesCurrent = !state.currentSnapshot || (asOf !== null && asOf >= state.currentSnapshot.asOf);
  const base = {
    kind: file.kind,
    fileName: file.fileName,
    period,
    asOf,
    rowCount: file.rowCount,
    warnings: [...file.warnings],
    ignoredColumns: file.meta.ignoredColumns,
    becomesCurrent,
    supersedesSnapshotId: becomesCurrent ? (state.currentSnapshot?.id ?? null) : null,
  };

  const units = new UnitDirectory(state.units);
  if (file.kind === "UNIT_SCORES") {
    const scores = file.rows.map((row) => ({ row, unit: units.forScoreRow(row) }));
    const unitsToCreate = units.created();
    return {
      ...base,
      errors,
      unitsToCreate,
      scores,
      dossiers: [],
      noLongerListed: 0,
      unitCount: new Set(scores.map((score) => JSON.stringify(score.unit))).size,
    };
  }

  const header = file.meta.columnHeaders?.unitRef ?? null;
  const dossiers: PlannedDossier[] = [];
  for (const row of file.rows) {
    const unit = units.find(row.unitRef);
    if (!unit) {
      errors.push({ row: row.row, column: header, value: row.unitRef, code: "unknownUnit" });
      continue;
    }
    const daysOverdue =
      row.daysOverdue ?? (asOf ? Math.max(0, workingDaysBetween(row.dueAt, row.finishedAt ?? asOf)) : null);
    const existing = state.existingDossiers.get(row.code) ?? null;
    dossiers.push({
      row,
      unit: { unitId: unit.id },
      daysOverdue,
      existing,
      changed: isChanged(existing, row, unit.id, daysOverdue),
    });
  }
  const isLatest =
    !state.latestDossierPeriod || (period !== null && compareMonths(period, state.latestDossierPeriod) >= 0);
  return {
    ...base,
    errors,
    unitsToCreate: [],
    scores: [],
    dossiers,
    noLongerListed: becomesCurrent && isLatest ? state.openDossiersNotInFile : 0,
    unitCount: new Set(dossiers.map((dossier) => JSON.stringify(dossier.unit))).size,
  };
}

/** The unknown units a score sheet names, which the Center must confirm before they are created. */
export function unknownUnitNames(plan: ImportPlan): string[] {
  return plan.unitsToCreate.map((unit) => unit.nameVi);
}

/** True when nothing stops the import: no errors, and unknown units (if any) were confirmed. */
export function canCommit(plan: ImportPlan, options: ImportOptions): boolean {
  return plan.errors.length === 0 && (plan.unitsToCreate.length === 0 || options.createUnknownUnits === true);
}

export function compareMonths(a: YearMonth, b: YearMonth): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

function isChanged(
  existing: ExistingDossier | null,
  row: DossierRow,
  unitId: number,
  daysOverdue: number | null,
) {
  if (!existing) return false;
  return (
    existing.unitId !== unitId ||
    existing.state === "NO_LONGER_LISTED" ||
    existing.dueAt.getTime() !== row.dueAt.getTime() ||
    (existing.finishedAt?.getTime() ?? null) !== (row.finishedAt?.getTime() ?? null) ||
    existing.daysOverdue !== daysOverdue ||
    existing.handlerName !== row.handlerName ||
    existing.portalStatus !== row.portalStatus
  );
}

/** Finds units by code or by normalised name, and collects the ones a score sheet would add. */
class UnitDirectory {
  private readonly byCode = new Map<string, KnownUnit>();
  private readonly byName = new Map<string, KnownUnit>();
  private readonly newUnits = new Map<string, NewUnit>();

  constructor(units: readonly KnownUnit[]) {
    for (const unit of units) {
      if (unit.code) this.byCode.set(unit.code.toLowerCase(), unit);
      this.byName.set(unit.normalizedName, unit);
    }
  }

  find(reference: string): KnownUnit | undefined {
    return this.byCode.get(reference.trim().toLowerCase()) ?? this.byName.get(normalizeName(reference));
  }

  forScoreRow(row: UnitScoreRow): UnitLink {
    const known =
      (row.unitCode ? this.byCode.get(row.unitCode.toLowerCase()) : undefined) ?? this.find(row.unitName);
    if (known) return { unitId: known.id };
    const normalizedName = normalizeName(row.unitName);
    if (!this.newUnits.has(normalizedName)) {
      this.newUnits.set(normalizedName, {
        key: normalizedName,
        nameVi: row.unitName.trim(),
        code: row.unitCode,
        normalizedName,
        kind: row.isProvince ? "PROVINCE" : guessUnitKind(row.unitName),
      });
    }
    return { newUnitKey: normalizedName };
  }

  created(): NewUnit[] {
    return [...this.newUnits.values()];
  }
}
