// How much of a file the readers agree to read. Files come from outside (anyone a Center admin
// forwards a file from, or a portal export gone wrong), and a small file can still ask for
// gigabytes: an xlsx is a zip whose XML may inflate a thousand times over (a "zip bomb"), a
// binary .xls is loaded whole by SheetJS (about 17 times its size in memory), a CSV with an
// unclosed quote makes the rest of the file one cell. Past a limit the file is refused with
// the limit named, before the memory or the time is spent; nothing is written.
import { UnreadableFileError } from "./types.js";

export const READ_LIMITS = {
  /** Data rows of one file: eight times a large month (60,000 overdue dossiers). */
  maxRows: 500_000,
  /**
   * The bytes an xlsx's parts inflate to, all together: 60,000 dossiers are 39 MB of sheet
   * XML, so 500,000 rows fit, and a bomb is stopped after about a second of inflating.
   */
  maxInflatedBytes: 512 * 1024 * 1024,
  /** A binary or HTML .xls, read whole by SheetJS: 16 MB peaks near 300 MB (save it as .xlsx). */
  maxXlsBytes: 16 * 1024 * 1024,
  /** Characters in one cell: Excel's own limit. */
  maxCellChars: 32_767,
  /** Characters in one CSV record or one row of sheet XML (a few dozen full cells). */
  maxRowChars: 2 * 1024 * 1024,
} as const;

/** Which limit a file went past; each has its translated reason (`import.errors.<code>`). */
export const FILE_LIMIT_CODES = [
  "inflatesTooMuch",
  "tooManyRows",
  "xlsTooLarge",
  "cellTooLong",
  "rowTooLong",
] as const;
export type FileLimitCode = (typeof FILE_LIMIT_CODES)[number];

/**
 * The file goes past one of `READ_LIMITS`. An UnreadableFileError, so that every caller that
 * refuses an unreadable file refuses this one too; those that can name the reason do.
 */
export class FileLimitError extends UnreadableFileError {
  override readonly name: string = "FileLimitError";

  constructor(
    readonly code: FileLimitCode,
    /** The limit, in the unit the reason speaks of (rows, characters, MB). */
    readonly max: number,
    row: number | null = null,
  ) {
    super(`the file goes past a reading limit: ${code} (${max})`, row);
  }
}

export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** Counts rows as a reader hands them on; throws past `READ_LIMITS.maxRows`. */
export class RowBudget {
  private rows = 0;

  constructor(private readonly max: number = READ_LIMITS.maxRows) {}

  take(count: number, lastRow: number | null): void {
    this.rows += count;
    if (this.rows > this.max) throw new FileLimitError("tooManyRows", this.max, lastRow);
  }
}

/** A cell's text, refused when longer than Excel would hold. */
export function checkedCellText(text: string, row: number | null): string {
  if (text.length > READ_LIMITS.maxCellChars) {
    throw new FileLimitError("cellTooLong", READ_LIMITS.maxCellChars, row);
  }
  return text;
}
