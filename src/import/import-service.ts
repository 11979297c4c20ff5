// The one path every import takes, from the bot, the command line and the demo: read the
// files, check them against the database, then either describe what would happen (preview)
// or do all of it in one transaction (commit). Any error: nothing is written.
import { createHash } from "node:crypto";
import { type BulkSql, bulkTransaction } from "../db/bulk.js";
import type { Db, DbTransaction } from "../db/prisma.js";
import type { ImportSource } from "../generated/prisma/client.js";
import {
  beginSnapshot,
  existingDossiers,
  finishSnapshot,
  type ImportProvenance,
  type ImportWriteResult,
  loadDossierListState,
  loadImportState,
  type SnapshotTarget,
  writeDossierBatch,
  writeImportPlan,
} from "../repositories/imports.js";
import { parseImportFile, readImportKind } from "./parse.js";
import {
  canCommit,
  DossierPlanner,
  decideSnapshot,
  type ImportOptions,
  type ImportPlan,
  type ImportState,
  type KnownUnit,
  planImport,
  type SnapshotDecision,
  type WorkingDaysBetween,
} from "./plan.js";
import type { DossierRowSink, ImportKind, ImportWarning, ParsedFile, RowError, SheetMeta } from "./types.js";

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
const KIND_ORDER: Record<ImportKind, number> = { UNIT_SCORES: 0, OVERDUE_DOSSIERS: 1 };

/** How one file of a batch is taken: written, or only looked at (a preview, or after a refusal). */
interface FileRun {
  tx: DbTransaction;
  bulk: BulkSql;
  options: ImportOptions;
  workingDays: WorkingDaysBetween;
  provinceNames: readonly string[];
  /** Where to write; null: plan and count only. */
  provenance: ImportProvenance | null;
  /** Units that earlier files of a batch would create, when those were not written. */
  addedUnits: KnownUnit[];
}

interface FileOutcome {
  report: FileReport;
  /** Errors, or unknown units not confirmed: the batch cannot be written. */
  refused: boolean;
}

export class ImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  /**
   * What the files would do, without writing: every file read through the same path as
   * `commit`, inside a transaction that only reads (one state of the database throughout).
   */
  async preview(files: readonly ImportFileInput[], options: ImportOptions = {}): Promise<ImportReport> {
    const ordered = await inKindOrder(files);
    const workingDays = await this.deps.workingDaysBetween();
    const provinceNames = await this.deps.provinceNames();
    const reports = await bulkTransaction(
      this.deps.db,
      async (tx, bulk) => {
        const run: FileRun = {
          tx,
          bulk,
          options,
          workingDays,
          provinceNames,
          provenance: null,
          addedUnits: [],
        };
        const previewed: FileReport[] = [];
        for (const file of ordered) previewed.push((await this.importFile(file, run)).report);
        return previewed;
      },
      TRANSACTION_LIMITS,
    );
    return summarise(reports, ordered.length, options, false);
  }

  /**
   * Reads and writes the files in one transaction, a dossier list batch by batch as it is
   * read (never held whole). The first error stops the writing; the files are still read to
   * the end for the report, then everything is rolled back: all or nothing.
   */
  async commit(files: readonly ImportFileInput[], options: CommitOptions): Promise<ImportReport> {
    const ordered = await inKindOrder(files);
    const workingDays = await this.deps.workingDaysBetween();
    const provinceNames = await this.deps.provinceNames();
    try {
      const reports = await bulkTransaction(
        this.deps.db,
        async (tx, bulk) => {
          const reports: FileReport[] = [];
          let refused = false;
          const addedUnits: KnownUnit[] = [];
          for (const file of ordered) {
            const provenance: ImportProvenance | null = refused
              ? null
              : {
                  source: options.source,
                  fileSha256: sha256(file.bytes),
                  actorId: options.actorId ?? null,
                  actorLabel: options.actorLabel ?? null,
                };
            const run: FileRun = { tx, bulk, options, workingDays, provinceNames, provenance, addedUnits };
            const outcome = await this.importFile(file, run);
            reports.push(outcome.report);
            refused ||= outcome.refused;
          }
          // Throwing rolls back whatever was written.
          if (refused) throw new ImportRefused(reports);
          return reports;
        },
        TRANSACTION_LIMITS,
      );
      return summarise(reports, ordered.length, options, true);
    } catch (error) {
      if (error instanceof ImportRefused) return summarise(error.reports, ordered.length, options, false);
      throw error;
    }
  }

  private async importFile(input: ImportFileInput, run: FileRun): Promise<FileOutcome> {
    let stream: StreamedDossierList | null = null;
    const file = await parseImportFile(input, {
      timeZone: this.deps.timeZone,
      provinceNames: run.provinceNames,
      ...(this.deps.onProgress ? { onProgress: this.deps.onProgress } : {}),
      streamDossiers: async (meta) => {
        stream = await StreamedDossierList.open(input.fileName, meta, run);
        return stream;
      },
    });
    const streamed = stream as StreamedDossierList | null;
    return streamed ? streamed.finish(file) : importWholeFile(file, run);
  }
}

/**
 * A score sheet (a few hundred rows at most), read whole, planned, then written; or a dossier
 * list that was not read beyond its header (no header, missing columns): its errors.
 */
async function importWholeFile(file: ParsedFile, run: FileRun): Promise<FileOutcome> {
  const period = file.meta.period ?? run.options.period ?? null;
  const state = await loadImportState(run.tx, run.bulk, file, period);
  const plan = planImport(file, withUnits(state, run.addedUnits), run.options, run.workingDays);
  const refused = !canCommit(plan, run.options);
  if (refused || !run.provenance) {
    run.addedUnits.push(
      ...plan.unitsToCreate.map((unit, index) => ({ id: -(run.addedUnits.length + index + 1), ...unit })),
    );
    return { report: toReport(plan, null), refused };
  }
  const result = await writeImportPlan(run.tx, run.bulk, plan, run.provenance);
  return { report: toReport(plan, result), refused };
}

/** An overdue-dossier list taken batch by batch as it is read: planned, counted and (until an error) written. */
class StreamedDossierList implements DossierRowSink {
  private readonly written = { created: 0, updated: 0 };
  /** The previous batch's statements, still running while the next batch is read. */
  private inFlight: Promise<void> = Promise.resolve();

  private constructor(
    private readonly run: FileRun,
    private readonly decision: SnapshotDecision,
    private readonly planner: DossierPlanner,
    private readonly openDossiers: number,
    private readonly target: SnapshotTarget | null,
  ) {}

  static async open(fileName: string, meta: SheetMeta, run: FileRun): Promise<StreamedDossierList> {
    const state = await loadDossierListState(run.tx, run.bulk, meta.period ?? run.options.period ?? null);
    const decision = decideSnapshot(meta, state, run.options);
    const units = [...state.units, ...run.addedUnits];
    const planner = new DossierPlanner(units, meta, decision.asOf, run.workingDays);
    const target =
      run.provenance && decision.errors.length === 0
        ? await beginSnapshot(run.tx, { kind: "OVERDUE_DOSSIERS", fileName, ...decision }, run.provenance)
        : null;
    return new StreamedDossierList(run, decision, planner, state.openDossiers, target);
  }

  check(row: Parameters<DossierRowSink["check"]>[0]): RowError | null {
    return this.planner.check(row);
  }

  /**
   * Starts the batch's statements and returns once the previous batch's are done: the
   * database works on one batch while the next is read (one batch in flight at most).
   */
  async take(rows: Parameters<DossierRowSink["take"]>[0], errorCount: number): Promise<void> {
    await this.inFlight;
    const batch = this.takeBatch(rows, errorCount);
    // Awaited by the next batch or by `finish`; this only keeps a failure from going unhandled meanwhile.
    batch.catch(() => {});
    this.inFlight = batch;
  }

  private async takeBatch(rows: Parameters<DossierRowSink["take"]>[0], errorCount: number): Promise<void> {
    const existing = await existingDossiers(
      this.run.bulk,
      rows.map((row) => row.code),
    );
    const planned = this.planner.plan(rows, existing);
    // After the first error nothing more is written (it will all be rolled back): only counted.
    if (!this.target || errorCount > 0) return;
    const written = await writeDossierBatch(
      this.run.bulk,
      planned,
      this.target,
      this.decision.becomesCurrent,
    );
    this.written.created += written.created;
    this.written.updated += written.updated;
  }

  async finish(file: ParsedFile): Promise<FileOutcome> {
    await this.inFlight;
    const { decision, planner } = this;
    const errors = [...file.errors, ...decision.errors];
    const counts = planner.counts;
    const plan: ImportPlan = {
      kind: "OVERDUE_DOSSIERS",
      fileName: file.fileName,
      period: decision.period,
      asOf: decision.asOf,
      rowCount: file.rowCount,
      errors,
      warnings: file.warnings,
      ignoredColumns: file.meta.ignoredColumns,
      becomesCurrent: decision.becomesCurrent,
      supersedesSnapshotId: decision.supersedesSnapshotId,
      unitsToCreate: [],
      scores: [],
      dossiers: [],
      noLongerListed: decision.retiresUnlisted ? this.openDossiers - counts.openListed : 0,
      unitCount: planner.unitCount,
    };
    const dossiers = { new: counts.new, changed: counts.changed, unchanged: counts.unchanged };
    const refused = errors.length > 0;
    if (refused || !this.target || !this.run.provenance) {
      return { report: toReport(plan, null, dossiers), refused };
    }
    const result = await finishSnapshot(
      this.run.tx,
      this.run.bulk,
      this.target,
      { ...plan, unitsCreated: 0, ...this.written },
      this.run.provenance,
    );
    return { report: toReport(plan, result, dossiers), refused };
  }
}

/** The files, score sheets first (each file's kind read from its header alone). */
async function inKindOrder(files: readonly ImportFileInput[]): Promise<ImportFileInput[]> {
  if (files.length < 2) return [...files];
  const kinds = new Map<ImportFileInput, ImportKind>();
  for (const file of files) kinds.set(file, await readImportKind(file));
  return [...files].sort(
    (a, b) => KIND_ORDER[kinds.get(a) ?? "OVERDUE_DOSSIERS"] - KIND_ORDER[kinds.get(b) ?? "OVERDUE_DOSSIERS"],
  );
}

class ImportRefused extends Error {
  constructor(readonly reports: FileReport[]) {
    super("import refused");
  }
}

function withUnits(state: ImportState, added: readonly KnownUnit[]): ImportState {
  return added.length === 0 ? state : { ...state, units: [...state.units, ...added] };
}

function toReport(
  plan: ImportPlan,
  result: ImportWriteResult | null,
  counts: { new: number; changed: number; unchanged: number } = dossierCounts(plan),
): FileReport {
  return {
    fileName: plan.fileName,
    kind: plan.kind,
    period: plan.period ? `${plan.period.year}-${String(plan.period.month).padStart(2, "0")}` : null,
    asOf: plan.asOf,
    rows: plan.rowCount,
    units: plan.unitCount,
    unknownUnits: plan.unitsToCreate.map((unit) => unit.nameVi),
    province: provinceOf(plan),
    dossiers: { ...counts, noLongerListed: plan.noLongerListed },
    becomesCurrent: plan.becomesCurrent,
    ignoredColumns: plan.ignoredColumns,
    warnings: plan.warnings,
    errors: plan.errors,
    result,
  };
}

function dossierCounts(plan: ImportPlan) {
  const fresh = plan.dossiers.filter((dossier) => !dossier.existing).length;
  const changed = plan.dossiers.filter((dossier) => dossier.changed).length;
  return { new: fresh, changed, unchanged: plan.dossiers.length - fresh - changed };
}

function provinceOf(plan: ImportPlan): FileReport["province"] {
  const row = plan.scores.find((score) => score.row.isProvince)?.row;
  return row ? { name: row.unitName, total: row.total, rank: row.rank, rankOutOf: row.rankOutOf } : null;
}

function summarise(
  reports: FileReport[],
  fileCount: number,
  options: ImportOptions,
  committed: boolean,
): ImportReport {
  const errorCount = reports.reduce((sum, report) => sum + report.errors.length, 0);
  const unconfirmedUnits =
    reports.some((report) => report.unknownUnits.length > 0) && !options.createUnknownUnits;
  return {
    ok: committed || (errorCount === 0 && !unconfirmedUnits && reports.length === fileCount),
    committed,
    files: reports,
    errorCount,
  };
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
