// `npm run cli -- units import <file> [--dry-run] [--json]`: the Center's unit list with codes.
import { createHash } from "node:crypto";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Locale } from "../config.js";
import { formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import type { RowError } from "../import/types.js";
import { type ParsedUnitList, parseUnitList } from "../import/unit-list.js";
import type { UnitListChange, UnitListImportResult, UnitListProvenance } from "../repositories/unit-list.js";
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

export interface UnitListImporter {
  importList(
    list: ParsedUnitList,
    options: { dryRun: boolean; provenance: UnitListProvenance },
  ): Promise<UnitListImportResult>;
}

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
  importer: UnitListImporter,
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
  const result = await importer.importList(list, {
    dryRun,
    provenance: {
      fileName: basename(path),
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
      source: "CLI",
      actorId: null,
      actorLabel: "cli",
    },
  });
  if (json) io.out(JSON.stringify(toJson(result, io.t), null, 2));
  else printReport(basename(path), list, result, dryRun, io);
  return result.ok ? EXIT_OK : EXIT_REJECTED;
}

function toJson(result: UnitListImportResult, t: TFunction) {
  return {
    ok: result.ok,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    errors: result.errors.map((error) => ({
      row: error.row,
      column: error.column,
      value: error.value,
      message: describeReason(t, error),
    })),
  };
}

function printReport(
  fileName: string,
  list: ParsedUnitList,
  result: UnitListImportResult,
  dryRun: boolean,
  io: UnitsCommandIo,
): void {
  const { t, locale } = io;
  io.out(t("unitList.result.file", { fileName, ...PLAIN }));
  if (list.ignoredColumns.length > 0) {
    io.out(t("unitList.result.columnsIgnored", { columns: list.ignoredColumns.join(", "), ...PLAIN }));
  }
  if (result.ok) {
    io.out(
      t(dryRun ? "unitList.result.wouldCount" : "unitList.result.counts", {
        created: formatNumber(locale, result.created),
        updated: formatNumber(locale, result.updated),
        unchanged: formatNumber(locale, result.unchanged),
      }),
    );
    printChanges(result.changes, io);
  } else {
    printErrors(result.errors, io);
  }
  if (result.committed) io.out(t("unitList.result.committed"));
  else if (result.ok) io.out(t("unitList.result.wouldImport"));
  else io.out(t("unitList.result.rejected"));
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
