// A unit's monthly score card: its total, the change from the previous period, its ranks among
// the city's units, each group of the index against its maximum, its weakest groups and the
// city's own figure. Pure: the repository hands in one snapshot's rows as plain data.
import type { PeriodMonth } from "./period.js";
import type { UnitKind } from "./unit-kind.js";

/** The six groups of the monthly index (Decision 766/QĐ-TTg): 100 points in all. */
export const SCORE_GROUPS = [
  { code: "CKMB", field: "publicity", max: 18 },
  { code: "TDGQ", field: "progress", max: 20 },
  { code: "ONLINE", field: "onlineService", max: 12 },
  { code: "TTTT", field: "onlinePayment", max: 10 },
  { code: "MDHL", field: "satisfaction", max: 18 },
  { code: "MDSH", field: "digitisation", max: 22 },
] as const;

export type ScoreGroupCode = (typeof SCORE_GROUPS)[number]["code"];
export type ScoreGroupField = (typeof SCORE_GROUPS)[number]["field"];

/** A decimal as the database driver hands it over (Prisma's Decimal as text) or a number. */
export type DecimalValue = string | number;

/**
 * Units that are not ranked among the city's units: the city itself (ranked nationally by the
 * portal), the Center and the People's Committee.
 */
export const UNRANKED_KINDS: readonly UnitKind[] = ["PROVINCE", "CENTER", "PEOPLES_COMMITTEE"];

/** How many weakest groups a card names. */
export const WEAKEST_GROUPS_SHOWN = 2;

/** One row of a unit-score snapshot. Groups the source left empty are null. */
export type ScoreRow = {
  unitId: number;
  unitKind: UnitKind;
  total: DecimalValue;
  /** The portal's own rank (for the province row: its national rank). */
  rank: number | null;
  rankOutOf: number | null;
} & Record<ScoreGroupField, DecimalValue | null>;

/** A reporting period's current unit-score snapshot. */
export interface ScoreSnapshot {
  period: PeriodMonth;
  asOf: Date;
  rows: readonly ScoreRow[];
}

/** What score cards of one month are built from: loaded once, whether for one unit or for all. */
export interface ScoreMonth extends ScoreSnapshot {
  /** The latest earlier period's current snapshot (totals only matter), or null when none. */
  previous: { period: PeriodMonth; rows: ReadonlyArray<Pick<ScoreRow, "unitId" | "total">> } | null;
}

export interface ScoreCardInput {
  unitId: number;
  month: ScoreMonth;
}

export interface ScoreGroupFigure {
  code: ScoreGroupCode;
  max: number;
  /** Points, one decimal; null when the source has no figure. */
  points: number | null;
  /** Share of the maximum, 0-100 with one decimal; null when the points are missing. */
  percent: number | null;
}

export interface Rank {
  rank: number;
  outOf: number;
}

export interface ScoreCard {
  unitId: number;
  period: PeriodMonth;
  asOf: Date;
  /** One decimal; null when the snapshot has no row for the unit. */
  total: number | null;
  /** Null when the previous figure is unknown (no earlier snapshot, or the unit not in it). */
  change: { previousPeriod: PeriodMonth; previousTotal: number; delta: number } | null;
  /** Among ranked units of the unit's own kind (communes among communes...). */
  rankInKind: (Rank & { kind: UnitKind }) | null;
  /** Among all ranked units of the city. */
  rankOverall: Rank | null;
  groups: ScoreGroupFigure[];
  /** The groups furthest below their maximum, weakest first (never a missing or full one). */
  weakest: ScoreGroupCode[];
  /** The city's own row (its total and national rank), when the snapshot has one. */
  city: { total: number; rank: number | null; rankOutOf: number | null } | null;
}

export function buildScoreCard({ unitId, month }: ScoreCardInput): ScoreCard {
  const own = month.rows.find((row) => row.unitId === unitId) ?? null;
  const total = own ? toTenths(own.total) : null;
  const groups = SCORE_GROUPS.map(({ code, field, max }): ScoreGroupFigure => {
    const points = own ? toTenthsOrNull(own[field]) : null;
    return {
      code,
      max,
      points: points === null ? null : points / 10,
      percent: points === null ? null : Math.round((points * 100) / max) / 10,
    };
  });
  const province = month.rows.find((row) => row.unitKind === "PROVINCE") ?? null;
  return {
    unitId,
    period: month.period,
    asOf: month.asOf,
    total: total === null ? null : total / 10,
    change: changeOf(unitId, total, month),
    rankInKind: own ? withKind(rankIn(own, month.rows, own.unitKind), own.unitKind) : null,
    rankOverall: own ? rankIn(own, month.rows, null) : null,
    groups,
    weakest: weakestGroups(groups),
    city: province
      ? { total: toTenths(province.total) / 10, rank: province.rank, rankOutOf: province.rankOutOf }
      : null,
  };
}

/**
 * The change is taken between the two totals as shown (one decimal each), so that the figures
 * on the card add up: 61.5 then 58.3 says -3.2, never -3.19.
 */
function changeOf(unitId: number, totalTenths: number | null, month: ScoreMonth): ScoreCard["change"] {
  if (totalTenths === null || !month.previous) return null;
  const before = month.previous.rows.find((row) => row.unitId === unitId);
  if (!before) return null;
  const previousTenths = toTenths(before.total);
  return {
    previousPeriod: month.previous.period,
    previousTotal: previousTenths / 10,
    delta: (totalTenths - previousTenths) / 10,
  };
}

/** Standard competition ranking over the units that are ranked: equal totals share a rank (1, 2, 2, 4). */
function rankIn(own: ScoreRow, rows: readonly ScoreRow[], kind: UnitKind | null): Rank | null {
  if (UNRANKED_KINDS.includes(own.unitKind)) return null;
  const field = rows.filter(
    (row) => !UNRANKED_KINDS.includes(row.unitKind) && (kind === null || row.unitKind === kind),
  );
  const ownHundredths = toHundredths(own.total);
  const ahead = field.filter((row) => toHundredths(row.total) > ownHundredths).length;
  return { rank: ahead + 1, outOf: field.length };
}

function withKind(rank: Rank | null, kind: UnitKind): ScoreCard["rankInKind"] {
  return rank && { ...rank, kind };
}

function weakestGroups(groups: readonly ScoreGroupFigure[]): ScoreGroupCode[] {
  return groups
    .filter((group) => group.percent !== null && group.percent < 100)
    .map((group, index) => ({ group, index }))
    .sort((a, b) => (a.group.percent ?? 0) - (b.group.percent ?? 0) || a.index - b.index)
    .slice(0, WEAKEST_GROUPS_SHOWN)
    .map(({ group }) => group.code);
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal in hundredths, exactly: the database keeps two decimals, and comparing floats
 * would let 58.3 and 58.30000001 rank apart.
 */
export function toHundredths(value: DecimalValue): number {
  const text = typeof value === "number" ? value.toFixed(4) : value.trim();
  if (!DECIMAL.test(text)) throw new RangeError(`not a decimal: ${String(value)}`);
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const digits = `${fraction}000`;
  // Half away from zero on the third decimal.
  const hundredths = Number(whole) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  return negative ? -hundredths : hundredths;
}

/** A decimal rounded to one decimal place, in tenths (half away from zero). */
export function toTenths(value: DecimalValue): number {
  const hundredths = toHundredths(value);
  const tenths = Math.round(Math.abs(hundredths) / 10);
  return hundredths < 0 && tenths > 0 ? -tenths : tenths;
}

function toTenthsOrNull(value: DecimalValue | null): number | null {
  return value === null ? null : toTenths(value);
}
