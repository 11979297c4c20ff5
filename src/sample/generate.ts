// Seeded generation of one month of portal exports: the unit-score sheet and the overdue-dossier
// list. Pure: the units file and the calendar come in, rows come out; the same seed gives the
// same rows.

import { createRandom, type Random } from "../domain/random.js";
import {
  fromDayNumber,
  type IsoDate,
  parseIsoDate,
  toDayNumber,
  type WorkingCalendar,
} from "../domain/working-days.js";
import {
  type Applicant,
  COMMUNE_FIELDS,
  DEFAULT_AGENCY_FIELDS,
  FIELDS,
  type FieldId,
  isFieldId,
  type Procedure,
} from "./catalog.js";
import { GROUP_CODES, GROUPS, type GroupCode } from "./groups.js";
import { agencyName, companyName, personName } from "./names.js";
import type { SampleProvince, SampleUnit, UnitsFile } from "./units-data.js";

export const DEFAULT_DOSSIERS = 2000;
export const DEFAULT_SEED = "1";
/** Months of received dates: the period's month and the ones before it. */
const RECEIVED_MONTHS = 3;
/** Share of the listed dossiers that were finished, late. */
const FINISHED_SHARE = 0.2;
/** Share of communes/wards without a hint that get a very low online-service score. */
const LOW_ONLINE_SHARE = 0.04;

export interface GenerateOptions {
  /** How many units of the file to use (city-level and communes in proportion); default all. */
  units?: number;
  /** How many overdue dossiers to list; default 2,000. */
  dossiers?: number;
  seed?: string | number;
}

export interface ScoreRow {
  isProvince: boolean;
  unitCode: string;
  unitName: string;
  /** Group scores in tenths of a point. */
  tenths: Record<GroupCode, number>;
  totalTenths: number;
  rank: number;
  /** Provinces in the country for the province row; the number of units for the others. */
  rankOutOf: number;
}

export interface SampleDossier {
  code: string;
  procedureName: string;
  field: string;
  applicantName: string;
  receivedAt: IsoDate;
  dueAt: IsoDate;
  finishedAt: IsoDate | null;
  /** Working days past the due date: to the finish, or to the as-of date when unfinished. */
  daysOverdue: number;
  unitCode: string;
  unitName: string;
  handlerName: string;
  status: string;
}

export interface SampleMonth {
  province: SampleProvince;
  period: { year: number; month: number };
  /** The snapshot time, wall clock in the province's zone. */
  asOf: { date: IsoDate; hour: number; minute: number };
  seed: string;
  units: SampleUnit[];
  /** The province's row first, then the units by rank. */
  scores: ScoreRow[];
  /** By unit (in file order), then received date. */
  dossiers: SampleDossier[];
}

export class SampleOptionsError extends Error {
  override name = "SampleOptionsError";
}

const isLocal = (unit: SampleUnit): boolean => unit.kind === "COMMUNE" || unit.kind === "DISTRICT";

/**
 * The first `count` units of the file, city-level agencies and communes/wards in the file's
 * proportion (at least one of each when both exist and count >= 2), in file order.
 */
export function selectUnits(units: readonly SampleUnit[], count: number = units.length): SampleUnit[] {
  if (!Number.isInteger(count) || count < 1)
    throw new SampleOptionsError("the number of units must be at least 1");
  if (count > units.length) {
    throw new SampleOptionsError(`the units file has ${units.length} units; ${count} were asked for`);
  }
  if (count === units.length) return [...units];
  const city = units.filter((unit) => !isLocal(unit));
  const local = units.filter(isLocal);
  let cityCount = Math.round((count * city.length) / units.length);
  if (count >= 2 && city.length > 0 && local.length > 0)
    cityCount = Math.min(Math.max(cityCount, 1), count - 1);
  cityCount = Math.min(cityCount, city.length);
  const localCount = Math.min(count - cityCount, local.length);
  cityCount = count - localCount;
  const chosen = new Set([...city.slice(0, cityCount), ...local.slice(0, localCount)]);
  return units.filter((unit) => chosen.has(unit));
}

export function generateSampleMonth(
  file: UnitsFile,
  calendar: WorkingCalendar,
  options: GenerateOptions = {},
): SampleMonth {
  const dossierCount = options.dossiers ?? DEFAULT_DOSSIERS;
  if (!Number.isInteger(dossierCount) || dossierCount < 0) {
    throw new SampleOptionsError("the number of dossiers must be a whole number >= 0");
  }
  const seed = String(options.seed ?? DEFAULT_SEED);
  const units = selectUnits(file.units, options.units ?? file.units.length);
  const [year, month] = file.reference.period.split("-").map(Number) as [number, number];
  const asOfDate = file.reference.asOf.slice(0, 10);
  const [hour, minute] = file.reference.asOf.slice(11).split(":").map(Number) as [number, number];
  const random = createRandom(seed);
  return {
    province: file.province,
    period: { year, month },
    asOf: { date: asOfDate, hour, minute },
    seed,
    units,
    scores: generateScores(file, units, random),
    dossiers: generateDossiers(
      file,
      units,
      calendar,
      { year, month },
      asOfDate,
      dossierCount,
      random.fork("dossiers"),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Scores

function generateScores(file: UnitsFile, units: readonly SampleUnit[], random: Random): ScoreRow[] {
  const reference = file.reference;
  const provinceRow: ScoreRow = {
    isProvince: true,
    unitCode: file.province.code,
    unitName: file.province.nameVi,
    tenths: { ...reference.scores },
    totalTenths: reference.total,
    rank: reference.rank,
    rankOutOf: reference.rankOutOf,
  };
  // Each unit draws from its own stream: its scores do not depend on which other units are in.
  const drawn = units.map((unit) => {
    const stream = random.fork(`score:${unit.code}`);
    const randomLowOnline =
      isLocal(unit) && unit.hints?.ONLINE === undefined && stream.chance(LOW_ONLINE_SHARE);
    const tenths = {} as Record<GroupCode, number>;
    const quality = stream.normal();
    for (const code of GROUP_CODES) {
      const hint = unit.hints?.[code] ?? (code === "ONLINE" && randomLowOnline ? "LOW" : undefined);
      tenths[code] = groupScore(code, reference.scores[code], unit, quality, hint, stream);
    }
    return { unit, tenths };
  });
  // The seeds: some communes/wards have an online-service score under 5% of the maximum.
  const local = drawn.filter(({ unit }) => isLocal(unit));
  if (local.length > 0 && !local.some(({ tenths }) => isVeryLowOnline(tenths.ONLINE))) {
    const lowest = local.reduce((low, row) => (row.tenths.ONLINE < low.tenths.ONLINE ? row : low));
    lowest.tenths.ONLINE = Math.floor(random.fork("low-online").next() * 6);
  }
  const rows = drawn.map(({ unit, tenths }) => ({
    unit,
    tenths,
    total: GROUP_CODES.reduce((sum, code) => sum + tenths[code], 0),
  }));
  const order = rows
    .map((_, index) => index)
    .sort((a, b) => (rows[b]?.total ?? 0) - (rows[a]?.total ?? 0) || a - b);
  const unitRows: ScoreRow[] = [];
  let rank = 0;
  order.forEach((index, position) => {
    const row = rows[index] as (typeof rows)[number];
    // Competition ranking: equal totals share a rank (1, 2, 2, 4).
    if (position === 0 || row.total !== unitRows[position - 1]?.totalTenths) rank = position + 1;
    unitRows.push({
      isProvince: false,
      unitCode: row.unit.code,
      unitName: row.unit.nameVi,
      tenths: row.tenths,
      totalTenths: row.total,
      rank,
      rankOutOf: rows.length,
    });
  });
  return [provinceRow, ...unitRows];
}

/** Under 5% of the group's maximum (the seeds' "online application rate under 5%"). */
export function isVeryLowOnline(tenths: number): boolean {
  return tenths * 20 < GROUPS.ONLINE.maxTenths;
}

/** How city-level agencies and communes/wards sit relative to the province, per group (share of max). */
const KIND_SHIFT: Record<"CITY" | "LOCAL", Record<GroupCode, number>> = {
  CITY: { CKMB: 0.15, TDGQ: 0.02, ONLINE: 0.3, TTTT: 0.15, MDHL: 0.01, MDSH: 0.1 },
  LOCAL: { CKMB: -0.03, TDGQ: 0, ONLINE: 0.02, TTTT: 0, MDHL: 0, MDSH: -0.02 },
};
const SPREAD: Record<GroupCode, number> = {
  CKMB: 0.14,
  TDGQ: 0.06,
  ONLINE: 0.14,
  TTTT: 0.15,
  MDHL: 0.05,
  MDSH: 0.12,
};

function groupScore(
  code: GroupCode,
  provinceTenths: number,
  unit: SampleUnit,
  quality: number,
  hint: "LOW" | "HIGH" | undefined,
  random: Random,
): number {
  const max = GROUPS[code].maxTenths;
  let share: number;
  if (hint === "LOW") {
    share = code === "ONLINE" ? random.next() * 0.045 : 0.25 + random.next() * 0.25;
  } else if (hint === "HIGH") {
    share = 0.9 + random.next() * 0.1;
  } else {
    const base = provinceTenths / max + KIND_SHIFT[isLocal(unit) ? "LOCAL" : "CITY"][code];
    share = base + SPREAD[code] * (0.5 * quality + random.normal());
    // Very low online scores come from hints and the random LOW_ONLINE_SHARE; the rest keep a floor.
    share = Math.max(share, code === "ONLINE" ? 0.05 : 0.1);
  }
  const clamped = Math.min(1, Math.max(0, share));
  const tenths = Math.round(clamped * max);
  // "Very low" online stays strictly under 5% after rounding.
  if (hint === "LOW" && code === "ONLINE") return Math.min(tenths, Math.ceil(max / 20) - 1);
  return tenths;
}

// ---------------------------------------------------------------------------------------------
// Dossiers

const UNFINISHED_STATUSES: ReadonlyArray<readonly [string, number]> = [
  ["Đang xử lý", 50],
  ["Chờ phê duyệt", 14],
  ["Chờ ký số", 10],
  ["Chờ bổ sung hồ sơ", 8],
  ["Đang xử lý liên thông", 8],
  ["Chờ thực hiện nghĩa vụ tài chính", 4],
  ["Chờ trả kết quả", 6],
];
const UNIT_WEIGHT: Record<SampleUnit["kind"], number> = {
  DEPARTMENT: 3,
  OTHER: 1.5,
  CENTER: 1,
  PEOPLES_COMMITTEE: 1,
  DISTRICT: 2,
  COMMUNE: 1,
};

function generateDossiers(
  file: UnitsFile,
  units: readonly SampleUnit[],
  calendar: WorkingCalendar,
  period: { year: number; month: number },
  asOfDate: IsoDate,
  count: number,
  random: Random,
): SampleDossier[] {
  if (count === 0) return [];
  const perUnit = dossierCounts(file, units, count, random.fork("counts"));
  const window = receivedWindow(period);
  const timing = new DossierTiming(calendar, window, asOfDate);
  const sequences = new Map<string, number>();
  const dossiers: SampleDossier[] = [];
  units.forEach((unit, unitIndex) => {
    const n = perUnit[unitIndex] ?? 0;
    if (n === 0) return;
    const stream = random.fork(`unit:${unit.code}`);
    const fieldIds = unitFields(unit);
    const handlers = Array.from({ length: stream.int(2, 6) }, () => personName(stream));
    const agency = unit.agencyCode ?? unit.code;
    const rows: SampleDossier[] = [];
    for (let i = 0; i < n; i += 1) {
      const fieldId = stream.weighted(fieldIds, (id) => FIELDS[id].weight);
      const field = FIELDS[fieldId];
      const procedure = stream.weighted(field.procedures, (candidate) => candidate.weight);
      const { receivedAt, dueAt } = timing.pick(procedure, stream);
      const room = calendar.workingDaysBetween(dueAt, asOfDate);
      const finishedAt = stream.chance(FINISHED_SHARE)
        ? calendar.addWorkingDays(dueAt, stream.int(1, room))
        : null;
      const key = `${agency}|${receivedAt}`;
      const sequence = (sequences.get(key) ?? 0) + stream.int(1, 3);
      sequences.set(key, sequence);
      rows.push({
        code: `${agency}-${receivedAt.slice(2, 4)}${receivedAt.slice(5, 7)}${receivedAt.slice(8, 10)}-${String(sequence).padStart(4, "0")}`,
        procedureName: procedure.name,
        field: field.label,
        applicantName: applicantName(procedure.applicant, stream),
        receivedAt,
        dueAt,
        finishedAt,
        daysOverdue: calendar.workingDaysBetween(dueAt, finishedAt ?? asOfDate),
        unitCode: unit.code,
        unitName: unit.nameVi,
        handlerName: stream.pick(handlers),
        status: finishedAt
          ? "Đã trả kết quả"
          : stream.weighted(UNFINISHED_STATUSES, ([, weight]) => weight)[0],
      });
    }
    rows.sort((a, b) =>
      a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.code < b.code ? -1 : 1,
    );
    dossiers.push(...rows);
  });
  return dossiers;
}

/** How many dossiers a unit handles, roughly: its kind, and how busy its fields are. */
function unitVolume(unit: SampleUnit): number {
  const fieldWeight = unitFields(unit).reduce((sum, id) => sum + FIELDS[id].weight, 0);
  return UNIT_WEIGHT[unit.kind] * Math.sqrt(fieldWeight);
}

function unitFields(unit: SampleUnit): FieldId[] {
  const listed = (unit.fields ?? []).filter(isFieldId);
  if (listed.length > 0) return listed;
  return [...(isLocal(unit) ? COMMUNE_FIELDS : DEFAULT_AGENCY_FIELDS)];
}

function applicantName(applicant: Applicant, random: Random): string {
  if (applicant === "AGENCY") return agencyName(random);
  const company = applicant === "COMPANY" || (applicant === "EITHER" && random.chance(0.3));
  return company ? companyName(random) : personName(random);
}

/**
 * Dossiers per unit (summing to `count`): the unit the reference names as holding most of the
 * city's overdue dossiers gets its share (the seeds: 24,100 of 54,000 at one department); the
 * others a skewed share by kind, some none at all.
 */
export function dossierCounts(
  file: UnitsFile,
  units: readonly SampleUnit[],
  count: number,
  random: Random,
): number[] {
  const overdue = file.reference.overdue;
  const concentratedIndex = units.findIndex((unit) => unit.code === overdue?.concentratedUnitCode);
  const weights: number[] = units.map((unit) =>
    random.chance(0.15) ? 0 : unitVolume(unit) * Math.exp(1.6 * Math.tanh(random.normal() / 2)),
  );
  if (!weights.some((weight) => weight > 0)) weights.fill(1);
  const counts = new Array<number>(units.length).fill(0);
  let remaining = count;
  if (concentratedIndex >= 0 && overdue?.concentratedCount !== undefined && overdue.total > 0) {
    const share = units.length === 1 ? 1 : Math.min(1, overdue.concentratedCount / overdue.total);
    counts[concentratedIndex] = Math.round(count * share);
    remaining -= counts[concentratedIndex] as number;
    weights[concentratedIndex] = 0;
    if (!weights.some((weight) => weight > 0)) {
      weights.fill(1);
      weights[concentratedIndex] = 0;
    }
  }
  const apportioned = apportion(remaining, weights);
  return counts.map((value, index) => value + (apportioned[index] ?? 0));
}

/** Largest-remainder apportionment of `total` by `weights` (ties to the earlier index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const result = exact.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    result[index] = (result[index] ?? 0) + 1;
    left -= 1;
  }
  return result;
}

/** Every day from the first of the month RECEIVED_MONTHS - 1 before the period to its last day. */
function receivedWindow(period: { year: number; month: number }): IsoDate[] {
  const firstMonth = new Date(Date.UTC(period.year, period.month - RECEIVED_MONTHS, 1));
  const start = toDayNumber(firstMonth.toISOString().slice(0, 10));
  const end = toDayNumber(new Date(Date.UTC(period.year, period.month, 0)).toISOString().slice(0, 10));
  const days: IsoDate[] = [];
  for (let day = start; day <= end; day += 1) days.push(fromDayNumber(day));
  return days;
}

/** Received and due dates such that the dossier is overdue (by at least a working day) as of the snapshot. */
class DossierTiming {
  private readonly candidates = new Map<number, { all: TimingOption[]; working: TimingOption[] }>();

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly window: readonly IsoDate[],
    private readonly asOfDate: IsoDate,
  ) {
    if (!parseIsoDate(asOfDate)) throw new SampleOptionsError(`not a date: ${asOfDate}`);
  }

  pick(procedure: Procedure, random: Random): TimingOption {
    const { all, working } = this.optionsFor(procedure.days);
    // Received mostly on working days; now and then online on a weekend or holiday.
    return random.pick(working.length > 0 && !random.chance(0.01) ? working : all);
  }

  private optionsFor(days: number): { all: TimingOption[]; working: TimingOption[] } {
    let options = this.candidates.get(days);
    if (!options) {
      const all: TimingOption[] = [];
      for (const receivedAt of this.window) {
        const dueAt = this.calendar.addWorkingDays(receivedAt, days);
        if (this.calendar.workingDaysBetween(dueAt, this.asOfDate) >= 1) all.push({ receivedAt, dueAt });
      }
      if (all.length === 0) {
        // A procedure too long for the window: received before it, so that it is still overdue.
        const dueAt = this.calendar.addWorkingDays(this.asOfDate, -1);
        all.push({ receivedAt: this.calendar.addWorkingDays(dueAt, -days), dueAt });
      }
      const working = all.filter((option) => this.calendar.isWorkingDay(option.receivedAt));
      options = { all, working };
      this.candidates.set(days, options);
    }
    return options;
  }
}

interface TimingOption {
  receivedAt: IsoDate;
  dueAt: IsoDate;
}
