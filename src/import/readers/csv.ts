import { Readable } from "node:stream";
import { type Options, parse } from "csv-parse";
import { composed } from "../text.js";
import { checkedCellText, FileLimitError, READ_LIMITS, RowBudget } from "./limits.js";
import { NotTextError, textChunks } from "./text-chunks.js";
import { type CellValue, type SheetRow, type SheetSource, UnreadableFileError } from "./types.js";

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

function parserOptions(delimiter: CsvDelimiter): Options {
  return {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines are kept (as one empty cell) so every record knows the line it starts on.
    skip_empty_lines: false,
    record_delimiter: "\n",
    // An unclosed quote would otherwise make the rest of the file one record, held whole.
    max_record_size: READ_LIMITS.maxRowChars,
  };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * The records the parser has ready, in batches (an await per record costs more than parsing
 * it): each batch as soon as the parser has some, then null once it has ended. The parser's
 * error is thrown here (it is listened for from the start, so it never goes unhandled).
 */
async function nextRecords(parser: ReturnType<typeof parse>): Promise<ParsedRecord[] | null> {
  for (;;) {
    if (parser.errored) throw parser.errored;
    const ready: ParsedRecord[] = [];
    for (let record = parser.read(); record !== null; record = parser.read()) ready.push(record);
    if (ready.length > 0) return ready;
    if (parser.errored) throw parser.errored;
    if (parser.readableEnded) return null;
    await new Promise<void>((resolve) => {
      const settle = () => {
        parser.off("readable", settle);
        parser.off("end", settle);
        parser.off("error", settle);
        resolve();
      };
      parser.on("readable", settle);
      parser.on("end", settle);
      parser.on("error", settle);
    });
  }
}

/** The records of a text streamed in (line endings already "\n"), each cell composed (NFC), in batches. */
async function* records(
  text: Iterable<string> | AsyncIterable<string>,
  delimiter: CsvDelimiter,
  limit = Infinity,
): AsyncGenerator<SheetRow[]> {
  const parser = parse(parserOptions(delimiter));
  parser.on("error", () => {});
  const source = Readable.from(text);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  const budget = new RowBudget();
  let previousLastLine = 0;
  let count = 0;
  try {
    for (let ready = await nextRecords(parser); ready !== null; ready = await nextRecords(parser)) {
      const rows: SheetRow[] = [];
      for (const { record, info } of ready) {
        const number = previousLastLine + 1;
        const cells: CellValue[] = record.map((field) =>
          field === "" ? null : composed(checkedCellText(field, number)),
        );
        rows.push({ number, cells });
        previousLastLine = info.lines;
        count += 1;
        if (count >= limit) break;
      }
      budget.take(rows.length, rows.at(-1)?.number ?? null);
      yield rows;
      if (count >= limit) break;
    }
  } catch (error) {
    throw readingError(error, previousLastLine + 1);
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }
}

function readingError(error: unknown, line: number): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  // The parser's own count: records it parsed but had not handed on yet are lost with the error.
  const lines = (error as { lines?: unknown }).lines;
  if ((error as { code?: unknown }).code === "CSV_MAX_RECORD_SIZE") {
    return new FileLimitError(
      "rowTooLong",
      READ_LIMITS.maxRowChars,
      typeof lines === "number" ? lines : line,
    );
  }
  if (error instanceof NotTextError) return new UnreadableFileError(`not text: ${error.message}`, line);
  return new UnreadableFileError(
    `not readable as CSV: ${String(error)}`,
    typeof lines === "number" ? lines : null,
  );
}

/** The first records with this delimiter; a parse error past them (a cut quote) is ignored. */
export async function sampleCsvRows(
  text: string,
  delimiter: CsvDelimiter,
  count: number,
): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  try {
    for await (const batch of records([text], delimiter, count)) rows.push(...batch);
  } catch {
    // A sample only guides the choice of delimiter.
  }
  return rows;
}

/**
 * The delimiter under which the header line reads best (`headerScore` counts the known
 * columns found in the first rows); failing that, the most frequent one in the first line.
 * `sample`: the start of the text (20 records fit in the first 64 KiB of any real export).
 */
export async function detectCsvDelimiter(
  sample: string,
  headerScore: (rows: readonly SheetRow[]) => number,
  sampleRows = 20,
): Promise<CsvDelimiter> {
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

/** A CSV file (UTF-8 or UTF-16 with a BOM) as a single sheet, its text streamed into the parser. */
export async function* readCsvSheets(bytes: Buffer, delimiter: CsvDelimiter): AsyncGenerator<SheetSource> {
  yield { name: "CSV", date1904: false, rows: records(textChunks(bytes), delimiter) };
}
