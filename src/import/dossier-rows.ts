// One row of an overdue-dossier list: the dossier, its dates and the unit handling it.

import { z } from "zod";
import type { DossierField, HeaderColumn, HeaderField } from "./headers.js";
import type { CellValue } from "./readers/types.js";
import { issuesToRowErrors, optionalCell, type RowCells, requiredCell, rowIssue } from "./row-schema.js";
import type { DossierRow, RowError } from "./types.js";
import { type DateValue, type Parsed, parseDate, parseInteger, parseText } from "./values.js";
import { dayKey } from "./wall-clock.js";

const text = (cell: CellValue): Parsed<string | null> => ({ ok: true, value: parseText(cell) });

function nonNegativeInteger(cell: CellValue): Parsed<number | null> {
  const parsed = parseInteger(cell);
  if (parsed.ok && parsed.value !== null && parsed.value < 0) return { ok: false, code: "negativeNumber" };
  return parsed;
}

/**
 * `later` falls before `earlier`. A bare date stands for the whole day, so it is compared by
 * calendar day: due "11/04/2025" is not before received "11/04/2025 10:00".
 */
export function isBefore(later: DateValue, earlier: DateValue): boolean {
  if (later.hasTime && earlier.hasTime) return later.instant.getTime() < earlier.instant.getTime();
  return dayKey(later.wall) < dayKey(earlier.wall);
}

export function dossierRowSchema(timeZone: string, date1904: boolean) {
  const date = (cell: CellValue) => parseDate(cell, timeZone, date1904);
  return z
    .object({
      code: requiredCell(text),
      procedureName: requiredCell(text),
      field: optionalCell(text),
      applicantName: optionalCell(text),
      receivedAt: requiredCell(date),
      dueAt: requiredCell(date),
      finishedAt: optionalCell(date),
      daysOverdue: optionalCell(nonNegativeInteger),
      unitRef: requiredCell(text),
      handlerName: optionalCell(text),
      portalStatus: optionalCell(text),
    })
    .superRefine((row, ctx) => {
      if (isBefore(row.dueAt, row.receivedAt)) rowIssue(ctx, "dueAt", "dueBeforeReceived");
      if (row.finishedAt && isBefore(row.finishedAt, row.receivedAt)) {
        rowIssue(ctx, "finishedAt", "finishedBeforeReceived");
      }
    });
}

export type DossierRowValues = z.output<ReturnType<typeof dossierRowSchema>>;

export type DossierRowCells = RowCells<Exclude<DossierField, "stt">>;

/** Blank in all of these and the row is a heading or a note, not a dossier. */
export const DOSSIER_VALUE_FIELDS: readonly DossierField[] = ["code", "receivedAt", "dueAt"];

export interface DossierRowContext {
  readonly columns: ReadonlyMap<HeaderField, HeaderColumn>;
  readonly schema: ReturnType<typeof dossierRowSchema>;
}

/** One dossier row checked: the row, or what is wrong with it. */
export function readDossierRow(
  rowNumber: number,
  cells: DossierRowCells,
  context: DossierRowContext,
): { row: DossierRow } | { errors: RowError[] } {
  const parsed = context.schema.safeParse(cells);
  if (!parsed.success)
    return { errors: issuesToRowErrors(parsed.error.issues, rowNumber, context.columns, cells) };
  const values = parsed.data;
  return {
    row: {
      row: rowNumber,
      code: values.code,
      procedureName: values.procedureName,
      field: values.field,
      applicantName: values.applicantName,
      receivedAt: values.receivedAt.instant,
      dueAt: values.dueAt.instant,
      finishedAt: values.finishedAt?.instant ?? null,
      daysOverdue: values.daysOverdue,
      unitRef: values.unitRef,
      handlerName: values.handlerName,
      portalStatus: values.portalStatus,
    },
  };
}
