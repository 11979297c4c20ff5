// The units file: the province, its units and its published figures for one month. Everything
// about a particular city (names, codes, counts, its national rank) lives in that file.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { isIsoDate } from "../domain/working-days.js";
import { isFieldId } from "./catalog.js";
import { GROUP_CODES, GROUPS, type GroupCode, parseTenths } from "./groups.js";

export const UNIT_KINDS = [
  "DEPARTMENT",
  "COMMUNE",
  "DISTRICT",
  "CENTER",
  "PEOPLES_COMMITTEE",
  "OTHER",
] as const;
export type SampleUnitKind = (typeof UNIT_KINDS)[number];

const text = z.string().trim().min(1);
const tenths = z.string().transform((value, context) => {
  const parsed = parseTenths(value);
  if (parsed === null) {
    context.addIssue({
      code: "custom",
      message: `not a score with at most one decimal: ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return parsed;
});
const level = z.enum(["LOW", "HIGH"]);

const unitSchema = z.object({
  code: text,
  /** Mã định danh of the unit, the prefix of its dossier codes; the unit code when absent. */
  agencyCode: z
    .string()
    .regex(/^[0-9A-Za-z.]+$/, "letters, digits and dots only")
    .optional(),
  nameVi: text,
  nameEn: text,
  kind: z.enum(UNIT_KINDS),
  fields: z
    .array(z.string().refine(isFieldId, { message: "not a field of src/sample/catalog.ts" }))
    .min(1)
    .optional(),
  /** Groups to make low or high for this unit (what the month's dispatch said of it). */
  hints: z.partialRecord(z.enum(GROUP_CODES), level).optional(),
});

const scoresSchema = z.object(
  Object.fromEntries(GROUP_CODES.map((code) => [code, tenths])) as Record<GroupCode, typeof tenths>,
);

export const unitsFileSchema = z
  .object({
    note: z.string().optional(),
    province: z.object({
      code: text,
      agencyCode: z
        .string()
        .regex(/^[0-9A-Za-z.]+$/)
        .optional(),
      nameVi: text,
      nameEn: text,
      /** The title line of its annexes: "ỦY BAN NHÂN DÂN ...". */
      authorityVi: text,
      timeZone: text.default("Asia/Ho_Chi_Minh"),
    }),
    reference: z.object({
      period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM"),
      asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, "YYYY-MM-DDTHH:mm"),
      scores: scoresSchema,
      total: tenths,
      rank: z.number().int().positive(),
      rankOutOf: z.number().int().positive(),
      overdue: z
        .object({
          total: z.number().int().nonnegative(),
          concentratedUnitCode: text.optional(),
          concentratedCount: z.number().int().nonnegative().optional(),
        })
        .optional(),
      sources: z.array(z.string()).optional(),
    }),
    units: z.array(unitSchema).min(1),
  })
  .superRefine((file, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    const { reference } = file;
    if (!isIsoDate(reference.asOf.slice(0, 10))) issue(["reference", "asOf"], "not a calendar date");
    let sum = 0;
    for (const code of GROUP_CODES) {
      sum += reference.scores[code];
      if (reference.scores[code] > GROUPS[code].maxTenths) {
        issue(["reference", "scores", code], `above the group's maximum of ${GROUPS[code].maxTenths / 10}`);
      }
    }
    if (sum !== reference.total) issue(["reference", "total"], `is not the sum of the groups (${sum / 10})`);
    if (reference.rank > reference.rankOutOf) issue(["reference", "rank"], "is above rankOutOf");
    const codes = new Set<string>();
    const agencyCodes = new Set<string>([file.province.agencyCode ?? file.province.code]);
    const names = new Set<string>();
    file.units.forEach((unit, index) => {
      if (codes.has(unit.code)) issue(["units", index, "code"], `duplicate unit code ${unit.code}`);
      codes.add(unit.code);
      const agency = unit.agencyCode ?? unit.code;
      if (agencyCodes.has(agency)) issue(["units", index, "agencyCode"], `duplicate agency code ${agency}`);
      agencyCodes.add(agency);
      const name = unit.nameVi.toLocaleLowerCase("vi");
      if (names.has(name)) issue(["units", index, "nameVi"], `duplicate unit name ${unit.nameVi}`);
      names.add(name);
    });
    const concentrated = reference.overdue?.concentratedUnitCode;
    if (concentrated !== undefined && !codes.has(concentrated)) {
      issue(["reference", "overdue", "concentratedUnitCode"], `no unit has the code ${concentrated}`);
    }
  });

export type UnitsFile = z.output<typeof unitsFileSchema>;
export type SampleUnit = UnitsFile["units"][number];
export type SampleProvince = UnitsFile["province"];

export class UnitsFileError extends Error {
  override name = "UnitsFileError";
}

/** Validates parsed JSON; throws a UnitsFileError listing every problem. */
export function parseUnitsFile(json: unknown, source = "units file"): UnitsFile {
  const result = unitsFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 20)
      .map((issue) => `  ${issue.path.join(".") || "(file)"}: ${issue.message}`);
    throw new UnitsFileError(`${source} is not a valid units file:\n${problems.join("\n")}`);
  }
  return result.data;
}

export async function loadUnitsFile(path: string): Promise<UnitsFile> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    throw new UnitsFileError(`cannot read the units file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new UnitsFileError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseUnitsFile(json, path);
}
