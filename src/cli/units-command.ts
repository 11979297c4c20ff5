// `npm run cli -- units import <file> [--dry-run] [--json]`: the Center's unit list with codes.
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { AppContext } from "../app/context.js";
import {
  type ImportUnitListOutcome,
  importUnitList,
  type UnitListChange,
} from "../app/units/import-unit-list.js";
import type { Locale } from "../config.js";
import { sha256Hex } from "../domain/sha256.js";
import { formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import type { RowError } from "../import/types.js";
import { type ParsedUnitList, parseUnitList } from "../import/unit-list.js";
import { printFailure } from "./failure.js";
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED } from "./import-command.js";
import { type InputFile, readInputFiles } from "./input-files.js";

const SHOWN_ERRORS = 20;
const SHOWN_CHANGES = 50;

/** Plain text for a terminal: values are not HTML-escaped. */
const PLAIN = { interpolation: { escapeValue: false } };

export interface UnitsCommandIo {
  t: TFunction;
  locale: Locale;
  out: (line: string) => void;
}

/** The CLI imports on no one's behalf: the outcome is never "forbidden". */
type CliOutcome = Exclude<ImportUnitListOutcome, { kind: "forbidden" }>;

const optionsSchema = z.object({
  files: z.array(z.string().min(1)).length(1, "oneFile"),
  dryRun: z.boolean(),
  json: z.boolean(),
});

export type UnitsImportOptions = z.input<typeof optionsSchema>;

/** The arguments after `units import`; unknown options throw (the CLI exits 1). */
export function parseUnitsImportArgs(args: string[]): UnitsImportOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  return { files: positionals, dryRun: values["dry-run"], json: values.json };
}

export async function runUnitsImportCommand(
  app: AppContext,
  rawOptions: UnitsImportOptions,
  io: UnitsCommandIo,
): Promise<number> {
  const parsed = optionsSchema.safeParse(rawOptions);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => io.t(`unitList.options.${issue.message}`));
    printFailure(messages, rawOptions.json === true, io.out);
    return EXIT_FAILED;
  }
  const { files, dryRun, json } = parsed.data;
  const read = await readInputFiles(files, io.t);
  if ("problems" in read) {
    printFailure(read.problems, json, io.out);
    return EXIT_FAILED;
  }
  const [{ path, bytes }] = read.files as [InputFile];
  const list = await parseUnitList(bytes);
  const outcome = await importUnitList(app, {
    by: { actorLabel: "cli" },
    list,
    dryRun,
    file: { fileName: basename(path), fileSha256: sha256Hex(bytes), source: "CLI" },
  });
  if (outcome.kind === "forbidden") throw new Error("the CLI imports as a system actor");
  if (json) io.out(JSON.stringify(toJson(outcome, io.t), null, 2));
  else printReport(basename(path), list, outcome, io);
  return outcome.kind === "rejected" ? EXIT_REJECTED : EXIT_OK;
}

function toJson(outcome: CliOutcome, t: TFunction) {
  const rejected = outcome.kind === "rejected";
  return {
    ok: !rejected,
    created: rejected ? 0 : outcome.created,
    updated: rejected ? 0 : outcome.updated,
    unchanged: rejected ? 0 : outcome.unchanged,
    errors: (rejected ? outcome.errors : []).map((error) => ({
      row: error.row,
      column: error.column,
      value: error.value,
      message: describeReason(t, error),
    })),
  };
}

function printReport(fileName: string, list: ParsedUnitList, outcome: CliOutcome, io: UnitsCommandIo): void {
  const { t, locale } = io;
  io.out(t("unitList.result.file", { fileName, ...PLAIN }));
  if (list.ignoredColumns.length > 0) {
    io.out(t("unitList.result.columnsIgnored", { columns: list.ignoredColumns.join(", "), ...PLAIN }));
  }
  if (outcome.kind === "rejected") {
    printErrors(outcome.errors, io);
    io.out(t("unitList.result.rejected"));
    return;
  }
  io.out(
    t(outcome.kind === "checked" ? "unitList.result.wouldCount" : "unitList.result.counts", {
      created: formatNumber(locale, outcome.created),
      updated: formatNumber(locale, outcome.updated),
      unchanged: formatNumber(locale, outcome.unchanged),
    }),
  );
  printChanges(outcome.changes, io);
  io.out(t(outcome.kind === "checked" ? "unitList.result.wouldImport" : "unitList.result.committed"));
}

function printChanges(changes: readonly UnitListChange[], io: UnitsCommandIo): void {
  const shown = changes.slice(0, SHOWN_CHANGES);
  for (const change of shown) {
    const values = { code: change.code, name: change.nameVi, ...PLAIN };
    if (change.action === "created") io.out(io.t("unitList.result.createdUnit", values));
    else {
      const fields = change.fields.map((field) => io.t(`unitList.fields.${field}`)).join(", ");
      io.out(io.t("unitList.result.updatedUnit", { ...values, fields }));
    }
  }
  if (changes.length > shown.length) {
    io.out(io.t("unitList.result.moreChanges", { count: changes.length - shown.length }));
  }
}

function printErrors(errors: readonly RowError[], io: UnitsCommandIo): void {
  const shown = errors.slice(0, SHOWN_ERRORS);
  io.out(io.t("unitList.result.errorsTitle", { count: errors.length }));
  for (const error of shown) io.out(`  - ${describeError(io.t, error)}`);
  if (errors.length > shown.length) {
    io.out(io.t("unitList.result.moreErrors", { count: errors.length - shown.length }));
  }
}

/** Why a row is refused, translated: `unitList.errors.<code>`. */
export function describeReason(t: TFunction, error: RowError): string {
  return t(`unitList.errors.${error.code}`, { ...error.params, value: error.value ?? "", ...PLAIN });
}

/** "Row 12, column “Mã đơn vị cấp trên”, value “H26.99”: no unit has this code." */
export function describeError(t: TFunction, error: RowError): string {
  const where = [
    error.row !== null ? t("unitList.where.row", { row: error.row }) : null,
    error.column !== null ? t("unitList.where.column", { column: error.column, ...PLAIN }) : null,
    error.value !== null && error.value !== ""
      ? t("unitList.where.value", { value: error.value, ...PLAIN })
      : null,
  ].filter((part) => part !== null);
  const reason = describeReason(t, error);
  return where.length > 0 ? `${where.join(", ")}: ${reason}` : reason;
}
