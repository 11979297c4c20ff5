// `npm run cli -- import <file...> [--period YYYY-MM] [--as-of "YYYY-MM-DD HH:mm"] [--dry-run] [--json] [--create-units]`
import { SingleBar } from "cli-progress";
import { z } from "zod";
import type { AppContext } from "../app/context.js";
import { importMonth } from "../app/imports/import-month.js";
import type { MonthImportSettings } from "../app/imports/month-batch.js";
import { previewMonthImport } from "../app/imports/preview-month-import.js";
import type { Locale } from "../config.js";
import type { ImportOptions } from "../domain/import-plan.js";
import type { ImportReport } from "../domain/import-report.js";
import type { TFunction } from "../i18n/index.js";
import { makeWallClock, wallClockToInstant } from "../import/wall-clock.js";
import { describeError, describeFile } from "../render/imports.js";
import { printFailure } from "./failure.js";
import { readInputFiles } from "./input-files.js";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_REJECTED = 2;

const SHOWN_ERRORS = 20;

export interface ImportCommandIo {
  t: TFunction;
  locale: Locale;
  out: (line: string) => void;
  isTerminal: boolean;
}

const optionsSchema = z.object({
  files: z.array(z.string()).min(1, "noFiles"),
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period")
    .transform((value) => ({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) }))
    .optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, "asOf")
    .optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
  createUnits: z.boolean(),
});

export type ImportCommandOptions = z.input<typeof optionsSchema>;

/**
 * Wall-clock "YYYY-MM-DD HH:mm" (its shape checked by the schema) in the configured time zone,
 * as an instant; null when it is no real date and time (31 February).
 */
function asOfInstant(text: string, timeZone: string): Date | null {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = text.split(/[- :]/).map(Number);
  const wall = makeWallClock(year, month, day, hour, minute);
  return wall ? wallClockToInstant(wall, timeZone) : null;
}

/** The command line is run by whoever holds the server: its imports are trusted, named "cli". */
const CLI_IMPORTER = { actorLabel: "cli" };

export async function runImportCommand(
  app: AppContext,
  settings: MonthImportSettings,
  rawOptions: ImportCommandOptions,
  io: ImportCommandIo,
): Promise<number> {
  const parsed = optionsSchema.safeParse(rawOptions);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => io.t(`imports.cli.options.${issue.message}`));
    printFailure(messages, rawOptions.json === true, io.out);
    return EXIT_FAILED;
  }
  const options = parsed.data;
  const asOf = options.asOf === undefined ? undefined : asOfInstant(options.asOf, settings.timeZone);
  if (asOf === null) {
    const message = io.t("imports.cli.options.asOfNotReal", {
      value: options.asOf,
      interpolation: { escapeValue: false },
    });
    printFailure([message], options.json, io.out);
    return EXIT_FAILED;
  }
  const importOptions: ImportOptions = {
    ...(options.period ? { period: options.period } : {}),
    ...(asOf ? { asOf } : {}),
    createUnknownUnits: options.createUnits,
  };
  const read = await readInputFiles(options.files, io.t);
  if ("problems" in read) {
    printFailure(read.problems, options.json, io.out);
    return EXIT_FAILED;
  }
  const { files } = read;

  const progress =
    io.isTerminal && !options.json
      ? new SingleBar({ format: " {bar} {value} rows", hideCursor: true })
      : null;
  progress?.start(0, 0);
  const onProgress = progress ? (rows: number) => progress.update(rows) : undefined;
  let report: ImportReport;
  try {
    const request = {
      by: CLI_IMPORTER,
      files,
      options: importOptions,
      settings,
      ...(onProgress ? { onProgress } : {}),
    };
    const outcome = options.dryRun
      ? await previewMonthImport(app, request)
      : await importMonth(app, { ...request, source: "CLI" });
    // A label is never refused.
    if (outcome.kind === "forbidden") throw new Error("the command line may always import");
    report = outcome.report;
  } finally {
    progress?.stop();
  }

  if (options.json) io.out(JSON.stringify(toJson(report, io.t), null, 2));
  else printReport(report, options.dryRun, io, settings.timeZone);
  return report.ok ? EXIT_OK : EXIT_REJECTED;
}

function toJson(report: ImportReport, t: TFunction) {
  const files = report.files.map((file) => ({
    ok: report.ok,
    fileName: file.fileName,
    kind: file.kind,
    period: file.period,
    asOf: file.asOf?.toISOString() ?? null,
    units: file.units,
    unknownUnits: file.unknownUnits,
    dossiers: file.kind === "OVERDUE_DOSSIERS" ? file.rows : 0,
    created: file.result?.created ?? file.dossiers.new,
    updated: file.result?.updated ?? file.dossiers.changed,
    noLongerListed: file.result?.noLongerListed ?? file.dossiers.noLongerListed,
    unitsCreated: file.result?.unitsCreated ?? 0,
    committed: report.committed,
    warnings: file.warnings,
    errors: file.errors.map((error) => ({
      row: error.row,
      column: error.column,
      value: error.value,
      code: error.code,
      message: describeError(t, { ...error, row: null, column: null, value: null }, { html: false }),
    })),
  }));
  return files.length === 1 ? files[0] : { ok: report.ok, committed: report.committed, files };
}

function printReport(report: ImportReport, dryRun: boolean, io: ImportCommandIo, timeZone: string) {
  for (const file of report.files) {
    for (const line of describeFile(io.t, io.locale, timeZone, file, {
      html: false,
      committed: report.committed,
    }))
      io.out(stripTags(line));
    const errors = file.errors.slice(0, SHOWN_ERRORS);
    if (file.errors.length > 0) io.out(io.t("imports.result.errorsTitle", { count: file.errors.length }));
    for (const error of errors) io.out(`  - ${describeError(io.t, error, { html: false })}`);
    if (file.errors.length > errors.length) {
      io.out(io.t("imports.result.moreErrors", { count: file.errors.length - errors.length }));
    }
    io.out("");
  }
  const unconfirmed = report.files.some((file) => file.unknownUnits.length > 0);
  if (report.committed) io.out(io.t("imports.result.committed"));
  else if (report.ok && dryRun) io.out(io.t("imports.result.wouldImport"));
  else if (report.errorCount === 0 && unconfirmed) io.out(io.t("imports.result.confirmUnitsCli"));
  else io.out(io.t("imports.result.rejected"));
}

/** Locale strings carry Telegram's HTML tags (<b>); a terminal shows the text alone. */
function stripTags(line: string): string {
  return line.replace(/<\/?[a-z][^>]*>/g, "");
}
