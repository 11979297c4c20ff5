// The one path every import takes, from the bot, the command line and the demo: read the
// files, check them against the database, then either describe what would happen (preview)
// or do all of it in one transaction (commit). Any error: nothing is written.
import { createHash } from "node:crypto";
import { bulkTransaction } from "../db/bulk.js";
import type { Db } from "../db/prisma.js";
import type { ImportSource } from "../generated/prisma/client.js";
import { type ImportWriteResult, loadImportState, writeImportPlan } from "../repositories/imports.js";
import { parseImportFile } from "./parse.js";
import {
  canCommit,
  type ImportOptions,
  type ImportPlan,
  type ImportState,
  type KnownUnit,
  planImport,
  type WorkingDaysBetween,
} from "./plan.js";
import type { ImportWarning, ParsedFile, RowError } from "./types.js";

export interface ImportFileInput {
  fileName: string;
  bytes: Buffer;
}

export interface FileReport {
  fileName: string;
  kind: ParsedFile["kind"] | null;
  period: string | null;
  asOf: Date | null;
  rows: number;
  units: number;
  unknownUnits: string[];
  /** The row of the province itself in a score sheet: its total and national rank. */
  province: { name: string; total: string; rank: number | null; rankOutOf: number | null } | null;
  dossiers: { new: number; changed: number; unchanged: number; noLongerListed: number };
  becomesCurrent: boolean;
  ignoredColumns: string[];
  warnings: ImportWarning[];
  errors: RowError[];
  result: ImportWriteResult | null;
}

export interface ImportReport {
  /** Nothing stops the import (preview), or it was written (commit). */
  ok: boolean;
  committed: boolean;
  files: FileReport[];
  errorCount: number;
}

export interface ImportServiceDeps {
  db: Db;
  timeZone: string;
  /** Names of the province itself as score sheets write them (asked anew for each import). */
  provinceNames: () => Promise<readonly string[]>;
  /** The working-day count used when a file gives no "days overdue". */
  workingDaysBetween: () => Promise<WorkingDaysBetween>;
  onProgress?: (rowsRead: number) => void;
}

export interface CommitOptions extends ImportOptions {
  source: ImportSource;
  actorId?: number | null;
  actorLabel?: string | null;
}

const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 300_000 };

/** Score sheets first, so that a dossier list in the same batch may name the units they add. */
const KIND_ORDER: Record<ParsedFile["kind"], number> = { UNIT_SCORES: 0, OVERDUE_DOSSIERS: 1 };

export class ImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  async preview(files: readonly ImportFileInput[], options: ImportOptions = {}): Promise<ImportReport> {
    const parsed = await this.parseAll(files);
    const workingDays = await this.deps.workingDaysBetween();
    // A transaction that only reads: the preview sees one state of the database throughout.
    const reports = await bulkTransaction(
      this.deps.db,
      async (tx, bulk) => {
        const addedUnits: KnownUnit[] = [];
        const previewed: FileReport[] = [];
        for (const file of parsed) {
          const period = file.meta.period ?? options.period ?? null;
          const state = await loadImportState(tx, bulk, file, period);
          const plan = planImport(file, withUnits(state, addedUnits), options, workingDays);
          addedUnits.push(
            ...plan.unitsToCreate.map((unit, index) => ({ id: -(addedUnits.length + index + 1), ...unit })),
          );
          previewed.push(toReport(plan, null));
        }
        return previewed;
      },
      TRANSACTION_LIMITS,
    );
    return summarise(reports, parsed, options, false);
  }

  async commit(files: readonly ImportFileInput[], options: CommitOptions): Promise<ImportReport> {
    const parsed = await this.parseAll(files);
    const workingDays = await this.deps.workingDaysBetween();
    if (parsed.some((file) => file.errors.length > 0)) {
      return summarise(
        parsed.map((file) => toReport(planOnly(file, options), null)),
        parsed,
        options,
        false,
      );
    }
    const shaByName = new Map(files.map((file) => [file.fileName, sha256(file.bytes)]));
    try {
      const reports = await bulkTransaction(
        this.deps.db,
        async (tx, bulk) => {
          const written: FileReport[] = [];
          for (const file of parsed) {
            const state = await loadImportState(tx, bulk, file, file.meta.period ?? options.period ?? null);
            const plan = planImport(file, state, options, workingDays);
            // Throwing rolls back the files of the batch already written.
            if (!canCommit(plan, options)) throw new ImportRefused([...written, toReport(plan, null)]);
            const result = await writeImportPlan(tx, bulk, plan, {
              source: options.source,
              fileSha256: shaByName.get(file.fileName) ?? "",
              actorId: options.actorId ?? null,
              actorLabel: options.actorLabel ?? null,
            });
            written.push(toReport(plan, result));
          }
          return written;
        },
        TRANSACTION_LIMITS,
      );
      return summarise(reports, parsed, options, true);
    } catch (error) {
      if (error instanceof ImportRefused) return summarise(error.reports, parsed, options, false);
      throw error;
    }
  }

  private async parseAll(files: readonly ImportFileInput[]): Promise<ParsedFile[]> {
    const provinceNames = await this.deps.provinceNames();
    const parsed: ParsedFile[] = [];
    for (const file of files) {
      parsed.push(
        await parseImportFile(file, {
          timeZone: this.deps.timeZone,
          provinceNames,
          ...(this.deps.onProgress ? { onProgress: this.deps.onProgress } : {}),
        }),
      );
    }
    return parsed.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  }
}

class ImportRefused extends Error {
  constructor(readonly reports: FileReport[]) {
    super("import refused");
  }
}

function withUnits(state: ImportState, added: readonly KnownUnit[]): ImportState {
  return added.length === 0 ? state : { ...state, units: [...state.units, ...added] };
}

/** A file that failed to parse still gets a report of its own errors. */
function planOnly(file: ParsedFile, options: ImportOptions): ImportPlan {
  return {
    kind: file.kind,
    fileName: file.fileName,
    period: file.meta.period ?? options.period ?? null,
    asOf: file.meta.asOf ?? options.asOf ?? null,
    rowCount: file.rowCount,
    errors: file.errors,
    warnings: file.warnings,
    ignoredColumns: file.meta.ignoredColumns,
    becomesCurrent: false,
    supersedesSnapshotId: null,
    unitsToCreate: [],
    scores: [],
    dossiers: [],
    noLongerListed: 0,
    unitCount: 0,
  };
}

function toReport(plan: ImportPlan, result: ImportWriteResult | null): FileReport {
  const fresh = plan.dossiers.filter((dossier) => !dossier.existing).length;
  const changed = plan.dossiers.filter((dossier) => dossier.changed).length;
  return {
    fileName: plan.fileName,
    kind: plan.kind,
    period: plan.period ? `${plan.period.year}-${String(plan.period.month).padStart(2, "0")}` : null,
    asOf: plan.asOf,
    rows: plan.rowCount,
    units: plan.unitCount,
    unknownUnits: plan.unitsToCreate.map((unit) => unit.nameVi),
    province: provinceOf(plan),
    dossiers: {
      new: fresh,
      changed,
      unchanged: plan.dossiers.length - fresh - changed,
      noLongerListed: plan.noLongerListed,
    },
    becomesCurrent: plan.becomesCurrent,
    ignoredColumns: plan.ignoredColumns,
    warnings: plan.warnings,
    errors: plan.errors,
    result,
  };
}

function provinceOf(plan: ImportPlan): FileReport["province"] {
  const row = plan.scores.find((score) => score.row.isProvince)?.row;
  return row ? { name: row.unitName, total: row.total, rank: row.rank, rankOutOf: row.rankOutOf } : null;
}

function summarise(
  reports: FileReport[],
  parsed: ParsedFile[],
  options: ImportOptions,
  committed: boolean,
): ImportReport {
  const errorCount = reports.reduce((sum, report) => sum + report.errors.length, 0);
  const unconfirmedUnits =
    reports.some((report) => report.unknownUnits.length > 0) && !options.createUnknownUnits;
  return {
    ok: committed || (errorCount === 0 && !unconfirmedUnits && reports.length === parsed.length),
    committed,
    files: reports,
    errorCount,
  };
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
