// What a checked unit list does to the units stored: the words the planner (src/import) and
// the repository that writes the plan (src/repositories) share, so neither imports the other.
import type { UnitKind } from "./unit-kind.js";

/** A unit as stored, as much of it as a unit list can change or match on. */
export interface ExistingUnit {
  id: number;
  code: string | null;
  nameVi: string;
  nameEn: string | null;
  normalizedName: string;
  kind: UnitKind;
  parentId: number | null;
}

/** A parent that exists (`id`) or one this import creates (`code`). */
export type ParentRef = { id: number } | { code: string };

export interface UnitCreate {
  row: number;
  code: string;
  nameVi: string;
  normalizedName: string;
  nameEn: string | null;
  kind: UnitKind;
  parent: ParentRef | null;
}

export interface UnitChanges {
  code?: string;
  nameVi?: string;
  nameEn?: string | null;
  kind?: UnitKind;
  parent?: ParentRef | null;
}

export interface UnitUpdate {
  row: number;
  unit: ExistingUnit;
  /** Only what differs from `unit`. */
  changes: UnitChanges;
}

/** The writes of a list found without errors. */
export interface UnitListWrites {
  /** Parents before their children. */
  creates: UnitCreate[];
  updates: UnitUpdate[];
  unchanged: number;
}
