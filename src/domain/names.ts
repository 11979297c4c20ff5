/**
 * How names are compared: lower case, without Vietnamese diacritics (đ is d), punctuation
 * as spaces, single-spaced. "Sở Tư pháp", "SO TU PHAP" and "sở  tư-pháp" are the same unit.
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
