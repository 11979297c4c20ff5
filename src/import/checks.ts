// Checks over the whole batch, row after row as they stream past: duplicates, the province
// row, missing day counts; and the error log that keeps the first errors but counts all.

import type { HeaderColumn, HeaderField } from "./headers.js";
import { foldText } from "./text.js";
import type { DossierRow, ImportWarning, RowError, UnitScoreRow } from "./types.js";

export const DEFAULT_MAX_ERRORS = 1000;

/** Keeps the first `max` errors and counts every one. */
export class ErrorLog {
  private readonly kept: RowError[] = [];
  private total = 0;

  constructor(private readonly max: number = DEFAULT_MAX_ERRORS) {}

  add(error: RowError): void {
    this.total += 1;
    if (this.kept.length < this.max) this.kept.push(error);
  }

  get count(): number {
    return this.total;
  }

  /** The kept errors; when some were left out, a last `tooManyErrors` entry gives the total. */
  result(): RowError[] {
    if (this.total <= this.kept.length) return [...this.kept];
    return [
      ...this.kept,
      {
        row: null,
        column: null,
        value: null,
        code: "tooManyErrors",
        params: { shown: this.kept.length, total: this.total },
      },
    ];
  }
}

/** Remembers the first row of each key. */
class FirstSeen {
  private readonly rows = new Map<string, number>();

  /** The earlier row with this key, or null (and this row becomes the first). */
  earlierRow(key: string, row: number): number | null {
    const earlier = this.rows.get(key);
    if (earlier !== undefined) return earlier;
    this.rows.set(key, row);
    return null;
  }
}

function header(columns: ReadonlyMap<HeaderField, HeaderColumn>, field: HeaderField): string | null {
  return columns.get(field)?.header ?? null;
}

export class ScoreBatchChecks {
  private readonly units = new FirstSeen();
  private provinceSeen = false;

  constructor(
    private readonly columns: ReadonlyMap<HeaderField, HeaderColumn>,
    private readonly provinceNames: readonly string[],
  ) {}

  /** A unit listed twice (by code when the sheet has codes, else by name; the province once). */
  check(row: UnitScoreRow): RowError | null {
    if (row.isProvince) this.provinceSeen = true;
    const byCode = row.unitCode !== null;
    const key = row.isProvince
      ? "province"
      : byCode
        ? `code:${foldText(row.unitCode ?? "")}`
        : `name:${foldText(row.unitName)}`;
    const earlier = this.units.earlierRow(key, row.row);
    if (earlier === null) return null;
    return {
      row: row.row,
      column: header(this.columns, byCode && !row.isProvince ? "unitCode" : "unitName"),
      value: byCode && !row.isProvince ? row.unitCode : row.unitName,
      code: "duplicateUnit",
      params: { firstRow: earlier },
    };
  }

  warnings(): ImportWarning[] {
    if (this.provinceNames.length === 0 || this.provinceSeen) return [];
    return [{ code: "provinceRowMissing", params: { names: this.provinceNames.join("; ") } }];
  }
}

export class DossierBatchChecks {
  private readonly codes = new FirstSeen();
  private withoutDaysOverdue = 0;
  private firstWithoutDaysOverdue: number | null = null;

  constructor(private readonly columns: ReadonlyMap<HeaderField, HeaderColumn>) {}

  /** A dossier code listed twice (spaces and case aside). */
  check(row: DossierRow): RowError | null {
    if (row.daysOverdue === null) {
      this.withoutDaysOverdue += 1;
      this.firstWithoutDaysOverdue ??= row.row;
    }
    const earlier = this.codes.earlierRow(row.code.replace(/\s+/g, "").toUpperCase(), row.row);
    if (earlier === null) return null;
    return {
      row: row.row,
      column: header(this.columns, "code"),
      value: row.code,
      code: "duplicateCode",
      params: { firstRow: earlier },
    };
  }

  warnings(): ImportWarning[] {
    if (this.withoutDaysOverdue === 0) return [];
    const params = { count: this.withoutDaysOverdue, firstRow: this.firstWithoutDaysOverdue ?? 0 };
    return [
      {
        code: this.columns.has("daysOverdue") ? "daysOverdueMissing" : "daysOverdueColumnMissing",
        params,
      },
    ];
  }
}
