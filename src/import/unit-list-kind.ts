// The "Loại" (kind) cell of a unit list: the enum name as the database spells it
// (DEPARTMENT, PEOPLES_COMMITTEE...), or the Vietnamese or English word for it.

import { UNIT_KINDS, type UnitKind } from "../domain/unit-kind.js";
import type { CellValue } from "./readers/types.js";
import { cellText, foldText } from "./text.js";
import type { Parsed } from "./values.js";

const WORDS: Record<UnitKind, readonly string[]> = {
  PROVINCE: ["Tỉnh", "Cấp tỉnh", "Tỉnh, thành phố", "Province"],
  CENTER: ["Trung tâm", "Trung tâm Phục vụ hành chính công", "Center", "Centre"],
  PEOPLES_COMMITTEE: ["UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Ủy ban", "People's Committee"],
  DEPARTMENT: [
    "Sở",
    "Ban",
    "Ngành",
    "Sở, ngành",
    "Sở, ban, ngành",
    "Cấp sở",
    "Cơ quan chuyên môn",
    "Department",
  ],
  DISTRICT: ["Quận", "Huyện", "Thị xã", "Quận, huyện", "Quận, huyện, thị xã", "Cấp huyện", "District"],
  COMMUNE: [
    "Phường",
    "Xã",
    "Thị trấn",
    "Xã, phường",
    "Phường, xã",
    "Xã, phường, thị trấn",
    "Cấp xã",
    "Commune",
    "Ward",
    "Township",
  ],
  OTHER: ["Khác", "Other"],
};

const KINDS_BY_WORD: ReadonlyMap<string, UnitKind> = new Map([
  ...UNIT_KINDS.map((kind) => [foldText(kind), kind] as const),
  ...Object.entries(WORDS).flatMap(([kind, words]) =>
    words.map((word) => [foldText(word), kind as UnitKind] as const),
  ),
]);

/** Portals and people write a dash for "nothing here". */
const DASHES = new Set(["-", "–", "—"]);

/** The kind a cell names; null when empty (the kind is then guessed or kept). */
export function parseUnitKind(cell: CellValue): Parsed<UnitKind | null> {
  const text = cellText(cell);
  if (text === null || DASHES.has(text)) return { ok: true, value: null };
  const kind = KINDS_BY_WORD.get(foldText(text));
  if (kind) return { ok: true, value: kind };
  return { ok: false, code: "unknownKind", params: { kinds: UNIT_KINDS.join(", ") } };
}
