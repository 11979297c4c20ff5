// Decides what an import would do, from a parsed file and what the database holds. Pure: the
// preview and the import itself both run it, the import inside its transaction.
import type {
  ExistingDossier,
  ImportOptions,
  ImportPlan,
  ImportState,
  KnownUnit,
  NewUnit,
  PlannedDossier,
  UnitLink,
} from "../domain/import-plan.js";
import { normalizeName } from "../domain/names.js";
import { guessUnitKind } from "../domain/unit-kind.js";
import type { WorkingDaysBetween } from "../domain/working-days.js";
import { FILE_LIMIT_CODES } from "./readers/limits.js";
import type { DossierRow, ParsedFile, RowError, UnitScoreRow, YearMonth } from "./types.js";

/** What a file as a whole decides, from its title rows and the snapshots already there. */
export interface SnapshotDecision {
  period: YearMonth | null;
  asOf: Date | null;
  /** missingPeriod, missingAsOf. */
  errors: RowError[];
  becomesCurrent: boolean;
  supersedesSnapshotId: number | null;
  /** Open dossiers the file does not list become "no longer listed" (a current list of the latest period). */
  retiresUnlisted: boolean;
}

/**
 * The file's errors say no table was found in it (not a spreadsheet, or no header row): its
 * kind, period and "as of" are unknown, and asking for them would only bury the one error
 * that matters.
 */
export function tableNotFound(errors: readonly RowError[]): boolean {
  return errors.some((error) => error.code === "unreadableFile" || error.code === "noHeader");
}

export function decideSnapshot(
  meta: ParsedFile["meta"],
  state: Pick<ImportState, "currentSnapshot" | "latestDossierPeriod">,
  options: ImportOptions,
): SnapshotDecision {
  const period = meta.period ?? options.period ?? null;
  const asOf = meta.asOf ?? options.asOf ?? null;
  const errors: RowError[] = [];
  if (!period) errors.push({ row: null, column: null, value: null, code: "missingPeriod" });
  if (!asOf) errors.push({ row: null, column: null, value: null, code: "missingAsOf" });
  const becomesCurrent = !state.currentSnapshot || (asOf !== null && asOf >= state.currentSnapshot.asOf);
  const isLatest =
    !state.latestDossierPeriod || (period !== null && compareMonths(period, state.latestDossierPeriod) >= 0);
  return {
    period,
    asOf,
    errors,
    becomesCurrent,
    supersedesSnapshotId: becomesCurrent ? (state.currentSnapshot?.id ?? null) : null,
    retiresUnlisted: becomesCurrent && isLatest,
  };
}

/**
 * Ties a dossier list's rows to units and to the dossiers already known, a batch at a time,
 * and counts what the list does: the same for a whole file and for one streamed in batches.
 */
export class DossierPlanner {
  readonly counts = { new: 0, changed: 0, unchanged: 0, openListed: 0 };
  private readonly units: UnitDirectory;
  private readonly unitIds = new Set<number>();
  private readonly header: string | null;

  constructor(
    units: readonly KnownUnit[],
    meta: ParsedFile["meta"],
    private readonly asOf: Date | null,
    private readonly workingDaysBetween: WorkingDaysBetween,
  ) {
    this.units = new UnitDirectory(units);
    this.header = meta.columnHeaders?.unitRef ?? null;
  }

  /** A row whose unit nobody knows. */
  check(row: DossierRow): RowError | null {
    if (this.units.find(row.unitRef)) return null;
    return { row: row.row, column: this.header, value: row.unitRef, code: "unknownUnit" };
  }

  /**
   * Rows as a staging table takes them: each tied to its unit (null when unknown: `check`
   * refused it, but it still counts as listed) and with its days overdue (the file's, or the
   * working days from due to finished or "as of"). The database then tells new from changed.
   */
  resolve(
    rows: readonly DossierRow[],
  ): { row: DossierRow; unitId: number | null; daysOverdue: number | null }[] {
    return rows.map((row) => {
      const unit = this.units.find(row.unitRef);
      if (unit) this.unitIds.add(unit.id);
      return { row, unitId: unit?.id ?? null, daysOverdue: this.daysOverdue(row) };
    });
  }

  private daysOverdue(row: DossierRow): number | null {
    return (
      row.daysOverdue ??
      (this.asOf ? Math.max(0, this.workingDaysBetween(row.dueAt, row.finishedAt ?? this.asOf)) : null)
    );
  }

  /**
   * Rows read without error, with the known dossiers among their codes. A row `check` refused
   * is left out, though still counted as listed.
   */
  plan(
    rows: readonly DossierRow[],
    existingDossiers: ReadonlyMap<string, ExistingDossier>,
  ): PlannedDossier[] {
    const planned: PlannedDossier[] = [];
    for (const row of rows) {
      const existing = existingDossiers.get(row.code) ?? null;
      if (existing?.state === "OPEN") this.counts.openListed += 1;
      const unit = this.units.find(row.unitRef);
      if (!unit) continue;
      const daysOverdue = this.daysOverdue(row);
      const changed = isChanged(existing, row, unit.id, daysOverdue);
      if (!existing) this.counts.new += 1;
      else if (changed) this.counts.changed += 1;
      else this.counts.unchanged += 1;
      this.unitIds.add(unit.id);
      planned.push({ row, unit: { unitId: unit.id }, daysOverdue, existing, changed });
    }
    return planned;
  }

  get unitCount(): number {
    return this.unitIds.size;
  }
}

export function planImport(
  file: ParsedFile,
  state: ImportState,
  options: ImportOptions,
  workingDaysBetween: WorkingDaysBetween,
): ImportPlan {
  const decision = decideSnapshot(file.meta, state, options);
  const { period, asOf, becomesCurrent } = decision;
  // A file that could not be read, or has no table, has no title to tell its month: saying so
  // would only add noise.
  const errors =
    tableNotFound(file.errors) || wasUnreadable(file)
      ? [...file.errors]
      : [...file.errors, ...decision.errors];
  const base = {
    kind: file.kind,
    fileName: file.fileName,
    period,
    asOf,
    rowCount: file.rowCount,
    warnings: [...file.warnings],
    ignoredColumns: file.meta.ignoredColumns,
    becomesCurrent,
    supersedesSnapshotId: decision.supersedesSnapshotId,
  };

  if (file.kind === "UNIT_SCORES") {
    const units = new UnitDirectory(state.units);
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

  const planner = new DossierPlanner(state.units, file.meta, asOf, workingDaysBetween);
  for (const row of file.rows) {
    const error = planner.check(row);
    if (error) errors.push(error);
  }
  const dossiers = planner.plan(file.rows, state.existingDossiers);
  return {
    ...base,
    errors,
    unitsToCreate: [],
    scores: [],
    dossiers,
    noLongerListed: decision.retiresUnlisted ? state.openDossiersNotInFile : 0,
    unitCount: planner.unitCount,
  };
}

const READING_ERRORS: ReadonlySet<string> = new Set(["unreadableFile", ...FILE_LIMIT_CODES]);

/** The file could not be read (to its end): a broken or hostile file, see readers/limits.ts. */
export function wasUnreadable(file: Pick<ParsedFile, "errors">): boolean {
  return file.errors.some((error) => READING_ERRORS.has(error.code));
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
