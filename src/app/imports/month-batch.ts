// The one path every import of the monthly files takes, whoever starts it (the bot, the command
// line, the demo, the benches): read the files, check them against the database, then either
// count what would happen (a preview) or write all of it (a commit), file by file inside the
// use-case's one transaction. Any error: nothing is written.
import type { DbClient } from "../../db/prisma.js";
import { type BulkSql, inTransaction } from "../../db/transaction.js";
import {
  type ImportOptions,
  type ImportPlan,
  type ImportState,
  type KnownUnit,
  type StatedImportOptions,
  toImportOptions,
} from "../../domain/import-plan.js";
import type { FileReport, ImportReport, ImportWriteResult } from "../../domain/import-report.js";
import type { ImportKind, RowError } from "../../domain/import-rows.js";
import { periodKey } from "../../domain/period.js";
import { type Actor, can } from "../../domain/policy.js";
import { sha256Hex } from "../../domain/sha256.js";
import type { WorkingDaysBetween } from "../../domain/working-days.js";
import {
  type DossierRowSink,
  type ImportFileInput,
  type ParsedFile,
  parseImportFile,
  readImportKind,
} from "../../import/parse.js";
import {
  canCommit,
  DossierPlanner,
  decideSnapshot,
  planImport,
  type SnapshotDecision,
  tableNotFound,
} from "../../import/plan.js";
import type { SheetMeta } from "../../import/types.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import type { DossierStage, ImportProvenance, ImportsRepository } from "../../repositories/imports.js";
import { provinceNames } from "../../repositories/units.js";
import type { AppContext } from "../context.js";

export type { ImportFileInput };

/** How the monthly files are read, from the configuration. */
export interface MonthImportSettings {
  /** Dates without a zone are wall-clock times here. */
  timeZone: string;
  /** The province as PROVINCE_NAME names it (score sheets name it so, or as its PROVINCE unit). */
  provinceName: string | null;
}

/**
 * Who imports: a person, who must be allowed to, or a system actor named by a label (the
 * command line, run by whoever holds the server), which is trusted.
 */
export type Importer = { actor: Actor } | { actorLabel: string };

export function mayImport(importer: Importer): boolean {
  return "actorLabel" in importer || can(importer.actor, "data.import");
}

/** Who the import batch and its audit events name. */
export function authorOf(importer: Importer): Pick<ImportProvenance, "actorId" | "actorLabel"> {
  return "actorLabel" in importer
    ? { actorId: null, actorLabel: importer.actorLabel }
    : { actorId: importer.actor.personId, actorLabel: null };
}

/**
 * Why files were not imported (or, sent to the bot, not kept): "refused" for errors in a file or
 * unknown units not confirmed (nothing was written), "forbidden" for who sent them.
 */
export type ImportRefusal = { kind: "refused"; report: ImportReport } | { kind: "forbidden" };

/**
 * A file sent to the bot, ready to be read: with the period and "as of" of its caption, and the
 * units it names that nobody knows created (its preview lists them for the admin to confirm).
 */
export async function prepareUpload(
  app: AppContext,
  file: ImportFileInput,
  stated: StatedImportOptions,
  settings: MonthImportSettings,
): Promise<{ batch: MonthBatch; options: ImportOptions }> {
  const batch = await prepareBatch(app, [file], settings);
  return { batch, options: { ...toImportOptions(stated), createUnknownUnits: true } };
}

/** Files are read in one transaction; a list of 60,000 dossiers takes seconds, more on a slow disk. */
export const IMPORT_TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 300_000 };

/** Score sheets first, so that a dossier list in the same batch may name the units they add. */
const KIND_ORDER: Record<ImportKind, number> = { UNIT_SCORES: 0, OVERDUE_DOSSIERS: 1 };

/** Files to be read together, with what reading them needs from outside the transaction. */
export interface MonthBatch {
  /** Score sheets first. */
  files: readonly ImportFileInput[];
  timeZone: string;
  /** Names of the province itself as score sheets write them (read anew for each import). */
  provinceNames: readonly string[];
  /** The working-day count used when a file gives no "days overdue". */
  workingDays: WorkingDaysBetween;
  onProgress?: (rowsRead: number) => void;
}

export async function prepareBatch(
  app: AppContext,
  files: readonly ImportFileInput[],
  settings: MonthImportSettings,
  onProgress?: (rowsRead: number) => void,
): Promise<MonthBatch> {
  return {
    files: await inKindOrder(files),
    timeZone: settings.timeZone,
    workingDays: await new CalendarRepository(app.db).workingDaysBetween(settings.timeZone),
    provinceNames: await provinceNames(app.db, settings.provinceName),
    ...(onProgress ? { onProgress } : {}),
  };
}

/** The batch could not be written; thrown inside the transaction so that it rolls back. */
class ImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super("import refused");
  }
}

/**
 * Runs `work` in the import's one transaction (with room for long files). `writeBatch` refusing
 * rolls everything back, and comes back as `{ refused }` with the report of the files.
 */
export async function inImportTransaction<T>(
  app: AppContext,
  work: (tx: DbClient, bulk: BulkSql) => Promise<T>,
): Promise<{ written: T } | { refused: ImportReport }> {
  try {
    return { written: await inTransaction(app.db, work, IMPORT_TRANSACTION_LIMITS) };
  } catch (error) {
    if (error instanceof ImportRefused) return { refused: error.report };
    throw error;
  }
}

/**
 * What the files would do, without writing: every file read through the same path as
 * `writeBatch`, inside a transaction that only reads (one state of the database throughout).
 */
export async function previewBatch(
  batch: MonthBatch,
  imports: ImportsRepository,
  options: ImportOptions,
): Promise<ImportReport> {
  const addedUnits: KnownUnit[] = [];
  const reports: FileReport[] = [];
  for (const file of batch.files) {
    const run: FileRun = { imports, batch, options, provenance: null, addedUnits };
    reports.push((await importFile(file, run)).report);
  }
  return summarise(reports, batch.files.length, options, false);
}

/**
 * Reads and writes the files, a dossier list batch by batch as it is read (never held whole).
 * The first error stops the writing; the files are still read to the end for the report, then
 * `ImportRefused` is thrown: call inside `inImportTransaction`, which rolls it all back.
 */
export async function writeBatch(
  batch: MonthBatch,
  imports: ImportsRepository,
  options: ImportOptions,
  author: Omit<ImportProvenance, "fileSha256">,
): Promise<ImportReport> {
  const reports: FileReport[] = [];
  let refused = false;
  const addedUnits: KnownUnit[] = [];
  for (const file of batch.files) {
    const provenance: ImportProvenance | null = refused
      ? null
      : { ...author, fileSha256: sha256Hex(file.bytes) };
    const outcome = await importFile(file, { imports, batch, options, provenance, addedUnits });
    reports.push(outcome.report);
    refused ||= outcome.refused;
  }
  if (refused) throw new ImportRefused(summarise(reports, batch.files.length, options, false));
  return summarise(reports, batch.files.length, options, true);
}

/** How one file of a batch is taken: written, or only looked at (a preview, or after a refusal). */
interface FileRun {
  imports: ImportsRepository;
  batch: MonthBatch;
  options: ImportOptions;
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

async function importFile(input: ImportFileInput, run: FileRun): Promise<FileOutcome> {
  let stream: StreamedDossierList | null = null;
  let file: ParsedFile;
  try {
    file = await parseImportFile(input, {
      timeZone: run.batch.timeZone,
      provinceNames: run.batch.provinceNames,
      ...(run.batch.onProgress ? { onProgress: run.batch.onProgress } : {}),
      streamDossiers: async (meta) => {
        stream = await StreamedDossierList.open(input.fileName, meta, run);
        return stream;
      },
    });
  } catch (error) {
    // The connection must be free of the COPY for the rollback to reach the database.
    await (stream as StreamedDossierList | null)?.abandon();
    throw error;
  }
  const streamed = stream as StreamedDossierList | null;
  return streamed ? streamed.finish(file) : importWholeFile(file, run);
}

/**
 * A score sheet (a few hundred rows at most), read whole, planned, then written; or a dossier
 * list that was not read beyond its header (no header, missing columns): its errors.
 */
async function importWholeFile(file: ParsedFile, run: FileRun): Promise<FileOutcome> {
  const period = file.meta.period ?? run.options.period ?? null;
  const state = await run.imports.loadImportState(file, period);
  const plan = planImport(file, withUnits(state, run.addedUnits), run.options, run.batch.workingDays);
  const refused = !canCommit(plan, run.options);
  if (refused || !run.provenance) {
    run.addedUnits.push(
      ...plan.unitsToCreate.map((unit, index) => ({ id: -(run.addedUnits.length + index + 1), ...unit })),
    );
    return { report: toReport(plan, null), refused };
  }
  const result = await run.imports.writeImportPlan(plan, run.provenance);
  return { report: toReport(plan, result), refused };
}

/**
 * An overdue-dossier list taken as it is read: its rows COPYed into the staging table batch by
 * batch (the preview's and the import's alike), then counted and, with no error in the whole
 * file, written in a few set-based statements. Nothing is written before the last row.
 */
class StreamedDossierList implements DossierRowSink {
  /** The previous batch's COPY, still going while the next batch is read. */
  private inFlight: Promise<void> = Promise.resolve();

  private constructor(
    private readonly run: FileRun,
    private readonly fileName: string,
    private readonly decision: SnapshotDecision,
    private readonly planner: DossierPlanner,
    private readonly openDossiers: number,
    private readonly stage: DossierStage,
  ) {}

  static async open(fileName: string, meta: SheetMeta, run: FileRun): Promise<StreamedDossierList> {
    const state = await run.imports.loadDossierListState(meta.period ?? run.options.period ?? null);
    const decision = decideSnapshot(meta, state, run.options);
    const units = [...state.units, ...run.addedUnits];
    const planner = new DossierPlanner(units, meta, decision.asOf, run.batch.workingDays);
    const stage = await run.imports.openDossierStage();
    return new StreamedDossierList(run, fileName, decision, planner, state.openDossiers, stage);
  }

  check(row: Parameters<DossierRowSink["check"]>[0]): RowError | null {
    return this.planner.check(row);
  }

  /** Sends the batch on and returns once the previous one is taken: one batch in flight at most. */
  async take(rows: Parameters<DossierRowSink["take"]>[0]): Promise<void> {
    await this.inFlight;
    const batch = this.stage.add(this.planner.resolve(rows));
    // Awaited by the next batch or by `finish`; this only keeps a failure from going unhandled meanwhile.
    batch.catch(() => {});
    this.inFlight = batch;
  }

  /** After a failure: the COPY ended, whatever it held (the transaction is rolled back). */
  async abandon(): Promise<void> {
    await this.inFlight.catch(() => {});
    await this.stage.close().catch(() => {});
  }

  async finish(file: ParsedFile): Promise<FileOutcome> {
    await this.inFlight;
    const decision = this.decision;
    const errors = [...file.errors, ...decision.errors];
    const counts = await this.stage.counts();
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
      unitCount: this.planner.unitCount,
    };
    const dossiers = { new: counts.new, changed: counts.changed, unchanged: counts.unchanged };
    const refused = errors.length > 0;
    const provenance = this.run.provenance;
    if (refused || !provenance) return { report: toReport(plan, null, dossiers), refused };
    const target = await this.run.imports.beginSnapshot(
      { kind: "OVERDUE_DOSSIERS", fileName: this.fileName, ...decision },
      provenance,
    );
    const { created } = await this.stage.write(target, decision.becomesCurrent);
    const result = await this.run.imports.finishSnapshot(
      target,
      { ...plan, unitsCreated: 0, created, updated: counts.changed },
      provenance,
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
    // A file with no table in it has no kind: the reader's guess is not shown as a fact.
    kind: tableNotFound(plan.errors) ? null : plan.kind,
    period: plan.period ? periodKey(plan.period) : null,
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
