// One row of a unit score sheet: the unit, its six group scores, the total and the rank.

import { z } from "zod";
import {
  type HeaderColumn,
  type HeaderField,
  SCORE_GROUPS,
  type ScoreField,
  type ScoreGroup,
} from "./headers.js";
import type { CellValue } from "./readers/types.js";
import { issuesToRowErrors, optionalCell, type RowCells, requiredCell, rowIssue } from "./row-schema.js";
import { foldText } from "./text.js";
import type { DecimalString, RowError, UnitScoreRow } from "./types.js";
import { fromScaled, type Parsed, parseDecimal, parseRank, parseText, toScaled } from "./values.js";

/** The most each group can score (Decision 766/QĐ-TTg); together they make 100. */
export const GROUP_MAXIMA: Readonly<Record<ScoreGroup, number>> = {
  publicity: 18, // CKMB
  progress: 20, // TDGQ
  onlineService: 12, // ONLINE
  onlinePayment: 10, // TTTT
  satisfaction: 18, // MDHL
  digitisation: 22, // MDSH
};

export const TOTAL_MAXIMUM = 100;

/** A total may differ from the sum of its rounded groups by this much (in hundredths: 0.1). */
const TOTAL_TOLERANCE = 10n;

function scoreWithin(max: number) {
  return (cell: CellValue): Parsed<DecimalString | null> => {
    const parsed = parseDecimal(cell);
    if (!parsed.ok || parsed.value === null) return parsed;
    const scaled = toScaled(parsed.value);
    if (scaled < 0n || scaled > toScaled(String(max)))
      return { ok: false, code: "scoreOutOfRange", params: { max } };
    return parsed;
  };
}

const text = (cell: CellValue): Parsed<string | null> => ({ ok: true, value: parseText(cell) });

const groupFields = Object.fromEntries(
  SCORE_GROUPS.map((group) => [group, optionalCell(scoreWithin(GROUP_MAXIMA[group]))]),
) as Record<ScoreGroup, ReturnType<typeof optionalCell<DecimalString>>>;

export const scoreRowSchema = z
  .object({
    unitCode: optionalCell(text),
    unitName: requiredCell(text),
    ...groupFields,
    total: requiredCell(scoreWithin(TOTAL_MAXIMUM)),
    rank: optionalCell(parseRank),
  })
  .superRefine((row, ctx) => {
    const groups = SCORE_GROUPS.map((group) => row[group]);
    if (groups.some((score) => score === null)) return;
    const sum = groups.reduce((acc: bigint, score) => acc + toScaled(score as DecimalString), 0n);
    const difference = sum - toScaled(row.total);
    if (difference > TOTAL_TOLERANCE || difference < -TOTAL_TOLERANCE) {
      rowIssue(ctx, "total", "totalMismatch", { sum: Number(fromScaled(sum)), total: Number(row.total) });
    }
  });

export type ScoreRowValues = z.output<typeof scoreRowSchema>;

/** The fields read from a score row, in the schema's terms. */
export type ScoreRowCells = RowCells<Exclude<ScoreField, "stt">>;

/** Blank in all of these and the row is a heading or a note, not a unit. */
export const SCORE_VALUE_FIELDS: readonly ScoreField[] = [...SCORE_GROUPS, "total"];

export interface ScoreRowContext {
  readonly columns: ReadonlyMap<HeaderField, HeaderColumn>;
  /** Folded names of the province itself. */
  readonly provinceKeys: ReadonlySet<string>;
}

/** One score row checked: the row, or what is wrong with it. */
export function readScoreRow(
  rowNumber: number,
  cells: ScoreRowCells,
  context: ScoreRowContext,
): { row: UnitScoreRow } | { errors: RowError[] } {
  const parsed = scoreRowSchema.safeParse(cells);
  if (!parsed.success)
    return { errors: issuesToRowErrors(parsed.error.issues, rowNumber, context.columns, cells) };
  const values = parsed.data;
  return {
    row: {
      row: rowNumber,
      unitCode: values.unitCode,
      unitName: values.unitName,
      isProvince: context.provinceKeys.has(foldText(values.unitName)),
      publicity: values.publicity,
      progress: values.progress,
      onlineService: values.onlineService,
      onlinePayment: values.onlinePayment,
      satisfaction: values.satisfaction,
      digitisation: values.digitisation,
      total: values.total,
      rank: values.rank?.rank ?? null,
      rankOutOf: values.rank?.rankOutOf ?? null,
    },
  };
}
