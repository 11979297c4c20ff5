// The bridge between the cell parsers and zod: each cell is a zod field whose failure
// carries a translated error code, and a failed parse becomes RowErrors that name the row,
// the column (as headed in the file) and the cell.

import { z } from "zod";
import type { HeaderColumn, HeaderField } from "./headers.js";
import type { CellValue } from "./readers/types.js";
import { cellText } from "./text.js";
import type { RowError } from "./types.js";
import type { ErrorParams, Parsed } from "./values.js";

/** The raw cells of one data row, by field; a field without a column reads as empty. */
export type RowCells<Field extends HeaderField> = Record<Field, CellValue>;

/** Where zod collects a parse's issues: a transform's payload or a refinement's context. */
interface IssueSink {
  issues: z.core.$ZodRawIssue[];
}

function pushIssue(
  ctx: IssueSink,
  input: unknown,
  code: string,
  params: ErrorParams | undefined,
  path?: PropertyKey[],
): void {
  ctx.issues.push({
    code: "custom",
    message: code,
    input,
    params: { ...params, code },
    ...(path ? { path } : {}),
  });
}

// Fields are bare transforms (no unknown -> transform pipe): at 60,000 rows of a dozen cells
// each, zod's per-step bookkeeping is most of what parsing a row costs.

/** An optional cell: empty is null; anything else must parse. */
export function optionalCell<T>(parse: (cell: CellValue) => Parsed<T | null>) {
  return z.transform((cell: CellValue, ctx): T | null => {
    const result = parse(cell);
    if (result.ok) return result.value;
    pushIssue(ctx, cell, result.code, result.params);
    return z.NEVER;
  });
}

/** A cell that must be filled (`required`) and parse. */
export function requiredCell<T>(parse: (cell: CellValue) => Parsed<T | null>) {
  return z.transform((cell: CellValue, ctx): T => {
    const result = parse(cell);
    if (!result.ok) {
      pushIssue(ctx, cell, result.code, result.params);
      return z.NEVER;
    }
    if (result.value === null) {
      pushIssue(ctx, cell, "required", undefined);
      return z.NEVER;
    }
    return result.value;
  });
}

/** A whole-row rule broken: reported on `field`'s column. */
export function rowIssue(ctx: IssueSink, field: HeaderField, code: string, params?: ErrorParams): void {
  pushIssue(ctx, undefined, code, params, [field]);
}

/** zod's issues as RowErrors: the column as headed in the file, the cell as text. */
export function issuesToRowErrors<Field extends HeaderField>(
  issues: readonly z.core.$ZodIssue[],
  rowNumber: number,
  columns: ReadonlyMap<HeaderField, HeaderColumn>,
  cells: RowCells<Field>,
): RowError[] {
  return issues.map((issue) => {
    const field = issue.path[0] as Field | undefined;
    const { code, ...params } = ((issue as { params?: ErrorParams }).params ?? {
      code: "invalidValue",
    }) as ErrorParams & { code: string };
    const error: RowError = {
      row: rowNumber,
      column: field === undefined ? null : (columns.get(field)?.header ?? null),
      value: field === undefined ? null : cellText(cells[field] ?? null),
      code: String(code),
    };
    return Object.keys(params).length > 0 ? { ...error, params } : error;
  });
}
