// Which row is the header, which kind of file it announces, and which column holds what.
// Names are compared folded (no case, no diacritics, đ = d, no punctuation), so "Mã hồ sơ",
// "MA HO SO" and "Ma ho so" agree; English names are accepted as well.

import type { SheetRow } from "./readers/types.js";
import { cellText, foldText } from "./text.js";
import type { ImportKind } from "./types.js";

export const SCORE_FIELDS = [
  "stt",
  "unitCode",
  "unitName",
  "publicity",
  "progress",
  "onlineService",
  "onlinePayment",
  "satisfaction",
  "digitisation",
  "total",
  "rank",
] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];

export const DOSSIER_FIELDS = [
  "stt",
  "code",
  "procedureName",
  "field",
  "applicantName",
  "receivedAt",
  "dueAt",
  "finishedAt",
  "daysOverdue",
  "unitRef",
  "handlerName",
  "portalStatus",
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

export type HeaderField = ScoreField | DossierField;

export const SCORE_GROUPS = [
  "publicity",
  "progress",
  "onlineService",
  "onlinePayment",
  "satisfaction",
  "digitisation",
] as const satisfies readonly ScoreField[];
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

const STT = ["STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#", "Order"];

const SCORE_ALIASES: Record<ScoreField, readonly string[]> = {
  stt: STT,
  unitCode: ["Mã đơn vị", "Mã ĐV", "Mã cơ quan", "Mã cơ quan, đơn vị", "Unit code", "Agency code"],
  unitName: [
    "Tên đơn vị",
    "Đơn vị",
    "Cơ quan",
    "Tên cơ quan",
    "Cơ quan, đơn vị",
    "Tên cơ quan, đơn vị",
    "Đơn vị, địa phương",
    "Unit",
    "Unit name",
    "Agency",
    "Agency name",
  ],
  publicity: [
    "Công khai, minh bạch",
    "Công khai và minh bạch",
    "CKMB",
    "Publicity and transparency",
    "Publicity, transparency",
    "Publicity",
  ],
  progress: ["Tiến độ giải quyết", "Tiến độ giải quyết hồ sơ", "TDGQ", "Processing progress", "Progress"],
  onlineService: [
    "Dịch vụ công trực tuyến",
    "Cung cấp dịch vụ trực tuyến",
    "Dịch vụ trực tuyến",
    "DVCTT",
    "ONLINE",
    "Online public services",
    "Online public service",
    "Online services",
  ],
  onlinePayment: ["Thanh toán trực tuyến", "TTTT", "Online payment", "Online payments"],
  satisfaction: ["Mức độ hài lòng", "Sự hài lòng", "MDHL", "Satisfaction", "Satisfaction level"],
  digitisation: [
    "Số hóa hồ sơ",
    "Mức độ số hóa hồ sơ",
    "Số hóa",
    "MDSH",
    "Digitisation of dossiers",
    "Digitization of dossiers",
    "Dossier digitisation",
    "Dossier digitization",
    "Digitisation",
    "Digitization",
  ],
  total: ["Tổng điểm", "Tổng số điểm", "Điểm tổng", "Tổng", "Total", "Total score", "Score"],
  rank: ["Xếp hạng", "Thứ hạng", "Hạng", "Rank", "Ranking"],
};

const DOSSIER_ALIASES: Record<DossierField, readonly string[]> = {
  stt: STT,
  code: ["Mã hồ sơ", "Mã HS", "Số hồ sơ", "Dossier code", "Dossier ID", "Dossier number", "Dossier no"],
  procedureName: [
    "Tên thủ tục",
    "Tên thủ tục hành chính",
    "Thủ tục",
    "Thủ tục hành chính",
    "Tên TTHC",
    "TTHC",
    "Procedure",
    "Procedure name",
    "Administrative procedure",
  ],
  field: ["Lĩnh vực", "Field", "Sector"],
  applicantName: [
    "Chủ hồ sơ",
    "Tổ chức, cá nhân",
    "Tên tổ chức, cá nhân",
    "Tổ chức, cá nhân nộp hồ sơ",
    "Người nộp",
    "Người nộp hồ sơ",
    "Người đứng tên",
    "Applicant",
    "Applicant name",
  ],
  receivedAt: [
    "Ngày tiếp nhận",
    "Ngày nhận",
    "Thời gian tiếp nhận",
    "Ngày tiếp nhận hồ sơ",
    "Received",
    "Received date",
    "Date received",
    "Received at",
    "Received on",
  ],
  dueAt: [
    "Ngày hẹn trả",
    "Ngày hẹn trả kết quả",
    "Hạn xử lý",
    "Hạn giải quyết",
    "Thời hạn xử lý",
    "Hạn trả kết quả",
    "Due",
    "Due date",
    "Due at",
    "Due on",
    "Deadline",
  ],
  finishedAt: [
    "Ngày kết thúc",
    "Ngày trả kết quả",
    "Ngày hoàn thành",
    "Ngày có kết quả",
    "Finished",
    "Finished date",
    "Date finished",
    "Finished at",
    "Finished on",
    "Completed",
  ],
  daysOverdue: ["Số ngày quá hạn", "Số ngày trễ hạn", "Quá hạn", "Days overdue", "Overdue days", "Overdue"],
  unitRef: [
    "Đơn vị",
    "Cơ quan xử lý",
    "Đơn vị xử lý",
    "Cơ quan",
    "Đơn vị giải quyết",
    "Cơ quan giải quyết",
    "Cơ quan, đơn vị",
    "Unit",
    "Handling unit",
    "Agency",
    "Handling agency",
  ],
  handlerName: [
    "Cán bộ xử lý",
    "Người xử lý",
    "Cán bộ đang xử lý",
    "Cán bộ",
    "Handler",
    "Handling officer",
    "Officer",
  ],
  portalStatus: ["Trạng thái", "Tình trạng", "Trạng thái hồ sơ", "Status"],
};

interface KindSpec {
  readonly kind: ImportKind;
  readonly lookup: ReadonlyMap<string, HeaderField>;
  readonly required: readonly HeaderField[];
  /** At least one of these must be present: they tell the two kinds apart. */
  readonly distinctive: readonly HeaderField[];
}

export const SCORE_REQUIRED: readonly ScoreField[] = ["unitName", ...SCORE_GROUPS, "total"];
export const DOSSIER_REQUIRED: readonly DossierField[] = [
  "code",
  "procedureName",
  "receivedAt",
  "dueAt",
  "unitRef",
];

/** Fewer known required columns than this and a row is not taken for a header at all. */
const MIN_REQUIRED_MATCHED = 3;

function buildLookup(aliases: Record<string, readonly string[]>): Map<string, HeaderField> {
  const lookup = new Map<string, HeaderField>();
  for (const [field, names] of Object.entries(aliases)) {
    for (const name of names) lookup.set(headerKey(name), field as HeaderField);
  }
  return lookup;
}

const KINDS: readonly KindSpec[] = [
  {
    kind: "UNIT_SCORES",
    lookup: buildLookup(SCORE_ALIASES),
    required: SCORE_REQUIRED,
    distinctive: [...SCORE_GROUPS, "total"],
  },
  {
    kind: "OVERDUE_DOSSIERS",
    lookup: buildLookup(DOSSIER_ALIASES),
    required: DOSSIER_REQUIRED,
    distinctive: ["code", "receivedAt", "dueAt"],
  },
];

/**
 * The folded header name with what decorates it removed: "(18 điểm)", "[1]", numbers,
 * "và"/"and". "Công khai và minh bạch (18)" and "Publicity & transparency" reduce well.
 */
export function headerKey(text: string): string {
  const withoutNotes = text.replace(/\([^)]*\)|\[[^\]]*\]/g, " ");
  return foldText(withoutNotes)
    .split(" ")
    .filter((token) => token !== "" && token !== "va" && token !== "and" && !/^\d+d?$/.test(token))
    .join(" ");
}

function matchField(spec: KindSpec, text: string): HeaderField | null {
  const key = headerKey(text);
  if (key === "") return null;
  const field = spec.lookup.get(key);
  if (field) return field;
  // "Tổng điểm" aside, a trailing "điểm" (points) only decorates the name: "CKMB điểm".
  return key.endsWith(" diem") ? (spec.lookup.get(key.slice(0, -5)) ?? null) : null;
}

export interface HeaderColumn {
  /** 0-based column index. */
  readonly index: number;
  /** The header text as written (spaces tidied). */
  readonly header: string;
}

export interface HeaderMatch {
  readonly kind: ImportKind;
  /** 1-based row number of the (last) header row; data starts below it. */
  readonly rowNumber: number;
  /** Row numbers the header spans (two when a merged upper row names column groups). */
  readonly rowNumbers: readonly number[];
  readonly columns: ReadonlyMap<HeaderField, HeaderColumn>;
  readonly ignoredColumns: readonly string[];
  /** Required fields with no column, in the kind's order. */
  readonly missing: readonly HeaderField[];
  readonly requiredMatched: number;
  readonly matched: number;
}

function matchRows(spec: KindSpec, rows: readonly SheetRow[]): HeaderMatch | null {
  const width = Math.max(...rows.map((row) => row.cells.length));
  const columns = new Map<HeaderField, HeaderColumn>();
  const ignoredColumns: string[] = [];
  for (let index = 0; index < width; index += 1) {
    // The lowest row names the column; the row above stands in where it names nothing known.
    let field: HeaderField | null = null;
    let header: string | null = null;
    let firstText: string | null = null;
    for (let level = rows.length - 1; level >= 0 && field === null; level -= 1) {
      const text = cellText(rows[level]?.cells[index] ?? null);
      if (text === null) continue;
      firstText ??= text;
      field = matchField(spec, text);
      header = text;
    }
    if (field !== null && header !== null && !columns.has(field)) {
      columns.set(field, { index, header });
    } else if (firstText !== null) {
      ignoredColumns.push(field !== null && header !== null ? header : firstText);
    }
  }
  const missing = spec.required.filter((field) => !columns.has(field));
  const requiredMatched = spec.required.length - missing.length;
  const last = rows[rows.length - 1];
  if (!last || requiredMatched < MIN_REQUIRED_MATCHED) return null;
  if (!spec.distinctive.some((field) => columns.has(field))) return null;
  return {
    kind: spec.kind,
    rowNumber: last.number,
    rowNumbers: rows.map((row) => row.number),
    columns,
    ignoredColumns: [...new Set(ignoredColumns)],
    missing,
    requiredMatched,
    matched: columns.size,
  };
}

function better(candidate: HeaderMatch, best: HeaderMatch | null): boolean {
  if (!best) return true;
  if (candidate.requiredMatched !== best.requiredMatched)
    return candidate.requiredMatched > best.requiredMatched;
  // A pair of rows wins only on required columns: the row below a header is usually data,
  // and a status such as "Quá hạn" must not pass for a column name.
  if (candidate.rowNumbers.length !== 1) return false;
  if (best.rowNumbers.length !== 1) return true;
  return candidate.matched > best.matched;
}

/**
 * The header among the first rows: the row (or pair of adjacent rows, for a two-level
 * header under merged cells) naming the most required columns of either kind. Earlier and
 * single rows win ties. Null when no row names enough of either kind.
 */
export function findHeader(rows: readonly SheetRow[]): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] as SheetRow;
    const next = rows[index + 1];
    const candidates: SheetRow[][] = [[row]];
    if (next && next.number === row.number + 1) candidates.push([row, next]);
    for (const candidateRows of candidates) {
      for (const spec of KINDS) {
        const match = matchRows(spec, candidateRows);
        if (match && better(match, best)) best = match;
      }
    }
  }
  return best;
}

/** How well the best header candidate reads: 0 when there is none (guides the CSV delimiter). */
export function headerScore(rows: readonly SheetRow[]): number {
  return findHeader(rows)?.matched ?? 0;
}

/** The kind the rows look most like, for a file whose header could not be found. */
export function likelyKind(rows: readonly SheetRow[]): ImportKind {
  let best: { kind: ImportKind; count: number } = { kind: "OVERDUE_DOSSIERS", count: 0 };
  for (const row of rows) {
    for (const spec of KINDS) {
      const count = row.cells.filter((cell) => {
        const text = cellText(cell);
        return text !== null && matchField(spec, text) !== null;
      }).length;
      if (count > best.count) best = { kind: spec.kind, count };
    }
  }
  return best.kind;
}
