// What an import plans to write, decided from a parsed file and what the database holds:
// the plan (import/plan.ts) makes it, the imports repository reads and writes it.
import type {
  DossierRow,
  ImportWarning,
  ParsedFile,
  RowError,
  UnitScoreRow,
  YearMonth,
} from "./import-rows.js";
import type { UnitKind } from "./unit-kind.js";

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

/**
 * Period and "as of" an admin wrote in a document's caption, for files whose title rows lack
 * them: kept as JSON with the upload until it is confirmed.
 */
export interface StatedImportOptions {
  period?: YearMonth;
  /** An ISO instant. */
  asOf?: string;
}

export function toImportOptions(stated: StatedImportOptions): ImportOptions {
  return {
    ...(stated.period ? { period: stated.period } : {}),
    ...(stated.asOf ? { asOf: new Date(stated.asOf) } : {}),
  };
}
