import { normalizeName } from "./names.js";

export const UNIT_KINDS = [
  "PROVINCE",
  "CENTER",
  "PEOPLES_COMMITTEE",
  "DEPARTMENT",
  "DISTRICT",
  "COMMUNE",
  "OTHER",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const PREFIXES: ReadonlyArray<[RegExp, UnitKind]> = [
  [/^(so|ban|thanh tra|van phong|cong an|bo chi huy|kho bac|cuc|chi cuc)\b/, "DEPARTMENT"],
  [/^(quan|huyen|thi xa)\b/, "DISTRICT"],
  [/^(uy ban nhan dan |ubnd )?(phuong|xa|thi tran)\b/, "COMMUNE"],
];

/** A new unit's kind, guessed from how Vietnamese unit names begin ("Sở ...", "Phường ..."). */
export function guessUnitKind(name: string): UnitKind {
  const normalized = normalizeName(name);
  for (const [pattern, kind] of PREFIXES) if (pattern.test(normalized)) return kind;
  return "OTHER";
}
