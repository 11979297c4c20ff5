import { type Options, parse } from "csv-parse";
import { type CellValue, type SheetRow, type SheetSource, UnreadableFileError } from "./types.js";

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

function parserOptions(delimiter: CsvDelimiter): Options {
  return {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines are kept (as one empty cell) so every record knows the line it starts on.
    skip_empty_lines: false,
    record_delimiter: "\n",
  };
}

/** One line ending for all: a record's first line is then the previous record's last line + 1. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

async function* records(text: string, delimiter: CsvDelimiter, limit = Infinity): AsyncGenerator<SheetRow> {
  const parser = parse(text, parserOptions(delimiter));
  let previousLastLine = 0;
  let count = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const cells: CellValue[] = record.map((field) => (field === "" ? null : field));
      yield { number: previousLastLine + 1, cells };
      previousLastLine = info.lines;
      count += 1;
      if (count >= limit) break;
    }
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw new UnreadableFileError(
      `not readable as CSV: ${String(error)}`,
      typeof line === "number" ? line : null,
    );
  } finally {
    parser.destroy();
  }
}

const BATCH = 500;

async function* batches(rows: AsyncIterable<SheetRow>): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The first records with this delimiter; a parse error past them (a cut quote) is ignored. */
export async function sampleCsvRows(
  text: string,
  delimiter: CsvDelimiter,
  count: number,
): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  try {
    for await (const row of records(text, delimiter, count)) rows.push(row);
  } catch {
    // A sample only guides the choice of delimiter.
  }
  return rows;
}

/**
 * The delimiter under which the header line reads best (`headerScore` counts the known
 * columns found in the first rows); failing that, the most frequent one in the first line.
 */
export async function detectCsvDelimiter(
  text: string,
  headerScore: (rows: readonly SheetRow[]) => number,
  sampleRows = 20,
): Promise<CsvDelimiter> {
  // Quoted newlines aside, 20 records fit in the first 64 KiB of any real export.
  const sample = text.slice(0, 65_536);
  let best: { delimiter: CsvDelimiter; score: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const score = headerScore(await sampleCsvRows(sample, delimiter, sampleRows));
    if (score > 0 && (!best || score > best.score)) best = { delimiter, score };
  }
  if (best) return best.delimiter;
  const firstLine = sample.split("\n").find((line) => line.trim() !== "") ?? "";
  let fallback: CsvDelimiter = ",";
  let most = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const occurrences = firstLine.split(delimiter).length - 1;
    if (occurrences > most) {
      most = occurrences;
      fallback = delimiter;
    }
  }
  return fallback;
}

/** A CSV text (already decoded, line endings normalised) as a single sheet. */
export async function* readCsvSheets(text: string, delimiter: CsvDelimiter): AsyncGenerator<SheetSource> {
  yield { name: "CSV", date1904: false, rows: batches(records(text, delimiter)) };
}
