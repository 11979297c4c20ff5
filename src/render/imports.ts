// Words for an import report, shared by the command line and the bot, and the bot's messages
// about a file sent to it.
import type { Locale } from "../config.js";
import type { FileReport, ImportReport } from "../domain/import-report.js";
import type { RowError } from "../domain/import-rows.js";
import { formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { MAX_DOWNLOAD_BYTES } from "./telegram-limits.js";

/** One error as a sentence: "Row 12, column “Ngày hẹn trả”, value “31/02/2025”: not a valid date." */
export function describeError(
  t: TFunction,
  error: RowError,
  format: { html: boolean } = { html: true },
): string {
  // Plain text (a terminal, a CSV file) must not carry HTML entities.
  const interpolation = { escapeValue: format.html };
  const reason = t(`import.errors.${error.code}`, {
    ...error.params,
    value: error.value ?? "",
    interpolation,
  });
  const where = [
    error.row !== null ? t("imports.where.row", { row: error.row, interpolation }) : null,
    error.column !== null ? t("imports.where.column", { column: error.column, interpolation }) : null,
    error.value !== null && error.value !== ""
      ? t("imports.where.value", { value: error.value, interpolation })
      : null,
  ].filter(Boolean);
  return where.length > 0 ? `${where.join(", ")}: ${reason}` : reason;
}

export function describeFile(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  report: FileReport,
  format: { html?: boolean; committed?: boolean } = {},
): string[] {
  const interpolation = { escapeValue: format.html ?? true };
  const [year, month] = (report.period ?? "").split("-").map(Number);
  const count = (value: number) => formatNumber(locale, value);
  // Nothing was read from a file of no known kind: its errors say why, and nothing else is known.
  if (report.kind === null) return [t("imports.preview.file", { fileName: report.fileName, interpolation })];
  const lines = [
    t("imports.preview.file", { fileName: report.fileName, interpolation }),
    t("imports.preview.kind", { kind: t(`imports.kind.${report.kind}`) }),
    t("imports.preview.period", {
      period: year && month ? formatMonth(locale, year, month) : "—",
      asOf: report.asOf ? formatDateTime(locale, report.asOf, timeZone) : "—",
    }),
    t("imports.preview.rows", { rows: count(report.rows), units: count(report.units) }),
  ];
  if (report.kind === "OVERDUE_DOSSIERS") {
    lines.push(
      t("imports.preview.dossiers", {
        fresh: count(report.dossiers.new),
        changed: count(report.dossiers.changed),
        unchanged: count(report.dossiers.unchanged),
        gone: count(report.dossiers.noLongerListed),
      }),
    );
  }
  if (!report.becomesCurrent && report.errors.length === 0) lines.push(t("imports.preview.olderSnapshot"));
  if (report.province) {
    lines.push(
      t("imports.preview.province", {
        name: report.province.name,
        total: formatNumber(locale, Number(report.province.total)),
        rank:
          report.province.rank && report.province.rankOutOf
            ? `${report.province.rank}/${report.province.rankOutOf}`
            : "—",
        interpolation,
      }),
    );
  }
  if (report.unknownUnits.length > 0 && !format.committed) {
    lines.push(
      t("imports.preview.unknownUnits", {
        total: count(report.unknownUnits.length),
        names: shownNames(t, report.unknownUnits, count),
        interpolation,
      }),
    );
  }
  for (const warning of report.warnings)
    lines.push(`⚠ ${t(`import.warnings.${warning.code}`, { ...warning.params, interpolation })}`);
  return lines;
}

const UNIT_NAMES_SHOWN = 10;

/** The first names, and how many more there are: a preview must fit in one message. */
function shownNames(t: TFunction, names: readonly string[], count: (value: number) => string): string {
  const shown = names.slice(0, UNIT_NAMES_SHOWN).join("; ");
  const more = names.length - UNIT_NAMES_SHOWN;
  return more > 0 ? `${shown}${t("imports.preview.moreUnits", { more: count(more) })}` : shown;
}

/** Errors listed in the chat; the file sent with them lists them all. */
const SHOWN_ERRORS = 10;

/** What a file sent to the bot would do, above its Confirm and Cancel buttons. */
export function uploadPreviewText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  report: ImportReport,
): string {
  const lines = [t("imports.bot.previewTitle")];
  for (const file of report.files) lines.push(...describeFile(t, locale, timeZone, file));
  lines.push("", t("imports.bot.confirmPrompt"));
  return lines.join("\n");
}

export function uploadCommittedText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  report: ImportReport,
): string {
  const lines = [t("imports.bot.committedTitle")];
  for (const file of report.files) {
    lines.push(...describeFile(t, locale, timeZone, file, { committed: true }));
    if (file.result?.unitsCreated)
      lines.push(t("imports.bot.unitsCreated", { count: file.result.unitsCreated }));
  }
  return lines.join("\n");
}

/** The files and their first errors (`uploadErrorsCsv` lists them all). */
export function uploadRejectedText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  report: ImportReport,
): string {
  const errors = report.files.flatMap((file) => file.errors);
  const lines = [t("imports.bot.rejectedTitle", { count: errors.length })];
  for (const file of report.files) lines.push(...describeFile(t, locale, timeZone, file));
  lines.push("", ...errors.slice(0, SHOWN_ERRORS).map((error) => `• ${describeError(t, error)}`));
  if (errors.length > SHOWN_ERRORS)
    lines.push(t("imports.bot.moreErrorsInFile", { count: errors.length - SHOWN_ERRORS }));
  return lines.join("\n");
}

/** Every error of the files as CSV (with a BOM, so that spreadsheets read it as UTF-8). */
export function uploadErrorsCsv(t: TFunction, report: ImportReport): string {
  const errors = report.files.flatMap((file) => file.errors);
  const csv = [
    ["row", "column", "value", "message"],
    ...errors.map((error) => [
      String(error.row ?? ""),
      error.column ?? "",
      error.value ?? "",
      describeError(t, { ...error, row: null, column: null, value: null }, { html: false }),
    ]),
  ]
    .map((cells) => cells.map(csvCell).join(","))
    .join("\r\n");
  return `\uFEFF${csv}`;
}

function csvCell(value: string): string {
  const inert = inertInSpreadsheets(value);
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** What a spreadsheet takes for the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The value, kept from running as a formula when the file is opened: cell values and column
 * names come from the upload, so "=HYPERLINK(...)" or "@SUM(...)" there would run on the
 * admin's machine. A leading apostrophe makes a spreadsheet show it as text.
 */
export function inertInSpreadsheets(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A file over what Telegram lets a bot download. */
export function uploadTooBigText(t: TFunction, locale: Locale, fileSize: number): string {
  return t("imports.bot.tooBig", {
    size: formatNumber(locale, fileSize / 1024 / 1024, { fractionDigits: 1 }),
    limit: formatNumber(locale, MAX_DOWNLOAD_BYTES / 1024 / 1024),
  });
}
