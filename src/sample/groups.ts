// The six groups of the monthly index (Decision 766/QĐ-TTg), as the portal's annexes name them.

export const GROUP_CODES = ["CKMB", "TDGQ", "ONLINE", "TTTT", "MDHL", "MDSH"] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

export interface GroupInfo {
  code: GroupCode;
  /** Column header in the score sheet. */
  labelVi: string;
  /** Maximum score, in tenths of a point (18 points = 180). */
  maxTenths: number;
}

export const GROUPS: Readonly<Record<GroupCode, GroupInfo>> = {
  CKMB: { code: "CKMB", labelVi: "Công khai, minh bạch", maxTenths: 180 },
  TDGQ: { code: "TDGQ", labelVi: "Tiến độ giải quyết", maxTenths: 200 },
  ONLINE: { code: "ONLINE", labelVi: "Dịch vụ công trực tuyến", maxTenths: 120 },
  TTTT: { code: "TTTT", labelVi: "Thanh toán trực tuyến", maxTenths: 100 },
  MDHL: { code: "MDHL", labelVi: "Mức độ hài lòng", maxTenths: 180 },
  MDSH: { code: "MDSH", labelVi: "Số hóa hồ sơ", maxTenths: 220 },
};

/** "58.3" → 583; null when not a non-negative decimal with at most one decimal place. */
export function parseTenths(text: string): number | null {
  const match = /^(\d{1,4})(?:\.(\d))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 10 + Number(match[2] ?? 0);
}

/** 583 → "58.3" (always one decimal place). */
export function formatTenths(tenths: number): string {
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}
