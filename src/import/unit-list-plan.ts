// What a checked unit list would do to the units the database holds: which rows create a
// unit, which change one (and what), which leave one as it is; or why the list is refused
// (a name another unit has, a parent nobody has, a unit that would be its own ancestor).
// Pure: the caller loads the units and writes the plan, in one transaction.

import { guessUnitKind } from "../domain/unit-kind.js";
import type {
  ExistingUnit,
  ParentRef,
  UnitChanges,
  UnitCreate,
  UnitListWrites,
  UnitUpdate,
} from "../domain/unit-list-plan-types.js";
import type { RowError } from "./types.js";
import type { ParsedUnitList, UnitListColumns, UnitListRow } from "./unit-list.js";

export type { ExistingUnit, ParentRef, UnitChanges, UnitCreate, UnitUpdate };

export interface UnitListPlan extends UnitListWrites {
  errors: RowError[];
}

/** A unit as the hierarchy knows it: `#<id>` for a unit that exists, `+<code>` for a new one. */
type Identity = string;

interface ResolvedRow {
  row: UnitListRow;
  unit: ExistingUnit | null;
  /** Undefined: the file has no parent column, or names a parent in a row with errors. */
  parent: ParentRef | null | undefined;
}

class UnitIndex {
  readonly byCode = new Map<string, ExistingUnit>();
  readonly byName = new Map<string, ExistingUnit>();
  readonly byId = new Map<number, ExistingUnit>();

  constructor(units: readonly ExistingUnit[]) {
    for (const unit of units) {
      if (unit.code !== null) this.byCode.set(unit.code, unit);
      this.byName.set(unit.normalizedName, unit);
      this.byId.set(unit.id, unit);
    }
  }

  /** The unit a row is about: the one with its code, else a code-less one with its name. */
  match(row: UnitListRow): ExistingUnit | null {
    const byCode = this.byCode.get(row.code);
    if (byCode) return byCode;
    const byName = this.byName.get(row.normalizedName);
    return byName && byName.code === null ? byName : null;
  }
}

export function planUnitList(list: ParsedUnitList, existing: readonly ExistingUnit[]): UnitListPlan {
  const index = new UnitIndex(existing);
  const errors: RowError[] = [];
  const matched = list.rows.map((row) => ({ row, unit: index.match(row) }));
  const rowsByCode = new Map(matched.map((entry) => [entry.row.code, entry]));
  const resolved: ResolvedRow[] = [];
  for (const { row, unit } of matched) {
    const nameError = nameTaken(row, unit, index, list.columns);
    if (nameError) errors.push(nameError);
    const parent = resolveParent(row, list, rowsByCode, index);
    if (parent === "unknown") errors.push(unknownParent(row, list.columns));
    else resolved.push({ row, unit, parent });
  }
  errors.push(...cycleErrors(resolved, index, list.columns));
  if (errors.length > 0) return { errors: byRow(errors), creates: [], updates: [], unchanged: 0 };
  return { errors: [], ...changes(resolved, list.columns) };
}

function nameTaken(
  row: UnitListRow,
  unit: ExistingUnit | null,
  index: UnitIndex,
  columns: UnitListColumns,
): RowError | null {
  const holder = index.byName.get(row.normalizedName);
  if (!holder || holder === unit) return null;
  const where = { row: row.row, column: columns.nameVi ?? null, value: row.nameVi };
  return holder.code === null
    ? { ...where, code: "nameTakenNoCode", params: { name: holder.nameVi } }
    : { ...where, code: "nameTaken", params: { code: holder.code, name: holder.nameVi } };
}

function resolveParent(
  row: UnitListRow,
  list: ParsedUnitList,
  rowsByCode: ReadonlyMap<string, { row: UnitListRow; unit: ExistingUnit | null }>,
  index: UnitIndex,
): ParentRef | null | undefined | "unknown" {
  if (list.columns.parentCode === undefined) return undefined;
  if (row.parentCode === null) return null;
  const inFile = rowsByCode.get(row.parentCode);
  if (inFile) return inFile.unit ? { id: inFile.unit.id } : { code: inFile.row.code };
  const known = index.byCode.get(row.parentCode);
  if (known) return { id: known.id };
  // Named by a row that has errors of its own: the file is refused for those already.
  return list.codesInFile.has(row.parentCode) ? undefined : "unknown";
}

function unknownParent(row: UnitListRow, columns: UnitListColumns): RowError {
  return { row: row.row, column: columns.parentCode ?? null, value: row.parentCode, code: "unknownParent" };
}

function identityOf(unit: ExistingUnit | null, code: string): Identity {
  return unit ? `#${unit.id}` : `+${code}`;
}

function parentIdentity(parent: ParentRef): Identity {
  return "id" in parent ? `#${parent.id}` : `+${parent.code}`;
}

/** Rows whose unit would be its own ancestor once the file is applied. */
function cycleErrors(rows: readonly ResolvedRow[], index: UnitIndex, columns: UnitListColumns): RowError[] {
  const parentOf = new Map<Identity, Identity | null>();
  const labels = new Map<Identity, string>();
  for (const unit of index.byId.values()) {
    parentOf.set(`#${unit.id}`, unit.parentId === null ? null : `#${unit.parentId}`);
    labels.set(`#${unit.id}`, unit.code ?? unit.nameVi);
  }
  for (const { row, unit, parent } of rows) {
    const identity = identityOf(unit, row.code);
    labels.set(identity, row.code);
    if (parent !== undefined) parentOf.set(identity, parent === null ? null : parentIdentity(parent));
    else if (!unit) parentOf.set(identity, null);
  }
  const errors: RowError[] = [];
  for (const { row, unit } of rows) {
    const identity = identityOf(unit, row.code);
    const chain = ancestorsUntil(identity, parentOf);
    if (chain === null) continue;
    errors.push({
      row: row.row,
      column: columns.parentCode ?? null,
      value: row.parentCode,
      code: "parentCycle",
      params: { chain: [identity, ...chain].map((id) => labels.get(id) ?? id).join(" → ") },
    });
  }
  return errors;
}

/** The ancestors from `start` back to `start` itself, or null when the chain ends (or loops elsewhere). */
function ancestorsUntil(
  start: Identity,
  parentOf: ReadonlyMap<Identity, Identity | null>,
): Identity[] | null {
  const chain: Identity[] = [];
  const seen = new Set<Identity>();
  let current = parentOf.get(start) ?? null;
  while (current !== null && !seen.has(current)) {
    chain.push(current);
    if (current === start) return chain;
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return null;
}

function changes(rows: readonly ResolvedRow[], columns: UnitListColumns): Omit<UnitListPlan, "errors"> {
  const creates: UnitCreate[] = [];
  const updates: UnitUpdate[] = [];
  let unchanged = 0;
  for (const entry of rows) {
    if (!entry.unit) {
      creates.push(newUnit(entry));
      continue;
    }
    const found = unitChanges(entry, entry.unit, columns);
    if (Object.keys(found).length === 0) unchanged += 1;
    else updates.push({ row: entry.row.row, unit: entry.unit, changes: found });
  }
  return { creates: parentsFirst(creates), updates, unchanged };
}

function newUnit({ row, parent }: ResolvedRow): UnitCreate {
  return {
    row: row.row,
    code: row.code,
    nameVi: row.nameVi,
    normalizedName: row.normalizedName,
    nameEn: row.nameEn,
    kind: row.kind ?? guessUnitKind(row.nameVi),
    parent: parent ?? null,
  };
}

/** What the row changes. Empty kind cells keep the unit's kind; absent columns keep their field. */
function unitChanges(
  { row, parent }: ResolvedRow,
  unit: ExistingUnit,
  columns: UnitListColumns,
): UnitChanges {
  const found: UnitChanges = {};
  if (unit.code !== row.code) found.code = row.code;
  if (unit.nameVi !== row.nameVi) found.nameVi = row.nameVi;
  if (columns.nameEn !== undefined && unit.nameEn !== row.nameEn) found.nameEn = row.nameEn;
  if (row.kind !== null && unit.kind !== row.kind) found.kind = row.kind;
  if (parent !== undefined && !sameParent(unit.parentId, parent)) found.parent = parent;
  return found;
}

function sameParent(parentId: number | null, parent: ParentRef | null): boolean {
  if (parent === null) return parentId === null;
  return "id" in parent && parent.id === parentId;
}

/** New units ordered so that a new parent is created before its new children. */
function parentsFirst(creates: readonly UnitCreate[]): UnitCreate[] {
  const byCode = new Map(creates.map((unit) => [unit.code, unit]));
  const ordered: UnitCreate[] = [];
  const placed = new Set<string>();
  const place = (unit: UnitCreate): void => {
    if (placed.has(unit.code)) return;
    placed.add(unit.code);
    const parent = unit.parent && "code" in unit.parent ? byCode.get(unit.parent.code) : undefined;
    if (parent) place(parent);
    ordered.push(unit);
  };
  for (const unit of creates) place(unit);
  return ordered;
}

/** Errors in file order; those about the whole file first. */
export function byRow(errors: readonly RowError[]): RowError[] {
  return [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
