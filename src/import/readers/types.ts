import type { WallClock } from "../wall-clock.js";

/**
 * One cell as the readers hand it on: text, a number, a boolean, or a date-time the file
 * stored as such (a wall clock, read in the configured zone later). Empty is null.
 */
export type CellValue = string | number | boolean | WallClock | null;

export interface SheetRow {
  /** 1-based, as a spreadsheet shows it; for CSV the line the record starts on. */
  readonly number: number;
  /** Column A first; missing trailing cells are simply absent. */
  readonly cells: readonly CellValue[];
}

export interface SheetSource {
  readonly name: string;
  /** Serial numbers count from 1904 (old Mac workbooks), not 1900. */
  readonly date1904: boolean;
  /** The rows in batches (a few hundred at a time): one await per batch, not per row. */
  readonly rows: AsyncIterable<readonly SheetRow[]>;
}

/** The bytes are not a workbook or text we can read (corrupt zip, not UTF-8, ...). */
export class UnreadableFileError extends Error {
  override readonly name: string = "UnreadableFileError";

  /** The row (CSV: line) where reading broke down, when known. */
  readonly row: number | null;

  constructor(message: string, row: number | null = null) {
    super(message);
    this.row = row;
  }
}
