import { describe, expect, it } from "vitest";
import {
  clampPage,
  isUnresolved,
  OVERDUE_FILTERS,
  overdueFilterSchema,
  pageCount,
  pageOffset,
} from "../../src/domain/overdue.js";

describe("overdue lists", () => {
  it.each([
    [0, 1],
    [1, 1],
    [10, 1],
    [11, 2],
    [95, 10],
  ])("%i dossiers fill %i page(s) of ten", (total, pages) => {
    expect(pageCount(total)).toBe(pages);
  });

  it.each([
    [0, 25, 0],
    [2, 25, 2],
    [3, 25, 2],
    [99, 0, 0],
    [-1, 25, 0],
    [1.7, 25, 1],
  ])("page %d of %i dossiers is page %i", (page, total, clamped) => {
    expect(clampPage(page, total)).toBe(clamped);
  });

  it("starts each page ten dossiers after the last", () => {
    expect([0, 1, 4].map((page) => pageOffset(page))).toEqual([0, 10, 40]);
  });

  it.each([
    ["OPEN", null, true],
    ["OPEN", new Date("2025-03-20T00:00:00Z"), false],
    ["RESOLVED", null, false],
    ["NO_LONGER_LISTED", null, false],
  ] as const)("a dossier %s finished %s is unresolved: %s", (state, finishedAt, unresolved) => {
    expect(isUnresolved({ state, finishedAt })).toBe(unresolved);
  });

  it("validates filters by name only", () => {
    for (const filter of OVERDUE_FILTERS) expect(overdueFilterSchema.parse(filter)).toBe(filter);
    expect(overdueFilterSchema.safeParse("missingcause").success).toBe(false);
    expect(overdueFilterSchema.safeParse("").success).toBe(false);
  });
});
