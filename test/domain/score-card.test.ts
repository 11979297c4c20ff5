import { describe, expect, it } from "vitest";
import {
  buildScoreCard,
  type ScoreMonth,
  type ScoreRow,
  toHundredths,
  toTenths,
} from "../../src/domain/score-card.js";
import { scoreRow } from "../support/score-rows.js";

const row = scoreRow;

const HANOI_MARCH: Partial<ScoreRow> = {
  publicity: "8.30",
  progress: "15.20",
  onlineService: "3.10",
  onlinePayment: "4.70",
  satisfaction: "16.90",
  digitisation: null,
};

function month(rows: ScoreRow[], previous: ScoreMonth["previous"] = null): ScoreMonth {
  return { period: { year: 2025, month: 3 }, asOf: new Date("2025-04-11T04:00:00Z"), rows, previous };
}

describe("decimals", () => {
  it.each([
    ["58.30", 5830, 583],
    ["58.25", 5825, 583],
    ["58.24", 5824, 582],
    [58.3, 5830, 583],
    ["0", 0, 0],
    ["-3.25", -325, -33],
    ["-0.04", -4, 0],
    [" 7.5 ", 750, 75],
    ["1.005", 101, 10],
  ])("%j is %i hundredths and %i tenths", (value, hundredths, tenths) => {
    expect(toHundredths(value)).toBe(hundredths);
    expect(toTenths(value)).toBe(tenths);
  });

  it.each(["", "abc", "1,5", "1e3", Number.NaN])("refuses %j", (value) => {
    expect(() => toHundredths(value)).toThrow(RangeError);
  });
});

describe("buildScoreCard", () => {
  it("shows each group against its maximum, missing ones as missing, and the weakest two", () => {
    const card = buildScoreCard({ unitId: 1, month: month([row(1, "COMMUNE", "58.30", HANOI_MARCH)]) });
    expect(card.total).toBe(58.3);
    expect(card.groups).toEqual([
      { code: "CKMB", max: 18, points: 8.3, percent: 46.1 },
      { code: "TDGQ", max: 20, points: 15.2, percent: 76 },
      { code: "ONLINE", max: 12, points: 3.1, percent: 25.8 },
      { code: "TTTT", max: 10, points: 4.7, percent: 47 },
      { code: "MDHL", max: 18, points: 16.9, percent: 93.9 },
      { code: "MDSH", max: 22, points: null, percent: null },
    ]);
    expect(card.weakest).toEqual(["ONLINE", "CKMB"]);
  });

  it.each([
    ["no groups known", {}, []],
    ["one group known", { progress: "10" }, ["TDGQ"]],
    ["full marks are never weak", { progress: "20", onlinePayment: "10" }, []],
    ["ties keep the index's order", { publicity: "9", progress: "10", onlinePayment: "5" }, ["CKMB", "TDGQ"]],
    ["zero is a figure, not missing", { onlineService: "0", satisfaction: "17" }, ["ONLINE", "MDHL"]],
  ])("weakest groups: %s", (_name, groups, weakest) => {
    const card = buildScoreCard({ unitId: 1, month: month([row(1, "COMMUNE", "40", groups)]) });
    expect(card.weakest).toEqual(weakest);
  });

  it("ranks among the same kind and overall; ties share a rank; the city, Center and PC are not ranked", () => {
    const rows = [
      row(1, "COMMUNE", "70"),
      row(2, "COMMUNE", "65.5"),
      row(3, "COMMUNE", "65.50"),
      row(4, "COMMUNE", "60"),
      row(5, "DEPARTMENT", "80"),
      row(6, "DEPARTMENT", "64"),
      row(7, "PROVINCE", "99", { rank: 60, rankOutOf: 63 }),
      row(8, "CENTER", "99"),
      row(9, "PEOPLES_COMMITTEE", "99"),
    ];
    const ranks = (unitId: number) => {
      const card = buildScoreCard({ unitId, month: month(rows) });
      return [
        card.rankInKind && `${card.rankInKind.kind} ${card.rankInKind.rank}/${card.rankInKind.outOf}`,
        card.rankOverall && `${card.rankOverall.rank}/${card.rankOverall.outOf}`,
      ];
    };
    expect([1, 2, 3, 4, 6].map(ranks)).toEqual([
      ["COMMUNE 1/4", "2/6"],
      ["COMMUNE 2/4", "3/6"],
      ["COMMUNE 2/4", "3/6"],
      ["COMMUNE 4/4", "6/6"],
      ["DEPARTMENT 2/2", "5/6"],
    ]);
    expect(ranks(7)).toEqual([null, null]);
    expect(ranks(8)).toEqual([null, null]);
    expect(buildScoreCard({ unitId: 4, month: month(rows) }).city).toEqual({
      total: 99,
      rank: 60,
      rankOutOf: 63,
    });
  });

  it.each([
    ["down", "61.50", "58.30", { previousTotal: 61.5, delta: -3.2 }],
    ["up", "58.24", "61.46", { previousTotal: 58.2, delta: 3.3 }],
    ["unchanged", "58.3", "58.30", { previousTotal: 58.3, delta: 0 }],
  ])("change %s: between the totals as shown", (_name, before, now, change) => {
    const card = buildScoreCard({
      unitId: 1,
      month: month([row(1, "COMMUNE", now)], {
        period: { year: 2025, month: 2 },
        rows: [{ unitId: 1, total: before }],
      }),
    });
    expect(card.change).toEqual({ previousPeriod: { year: 2025, month: 2 }, ...change });
  });

  it.each([
    ["no earlier snapshot", null],
    ["the unit not in it", { period: { year: 2025, month: 2 }, rows: [{ unitId: 2, total: "50" }] }],
  ])("no change when the previous figure is unknown: %s", (_name, previous) => {
    const card = buildScoreCard({ unitId: 1, month: month([row(1, "COMMUNE", "58.3")], previous) });
    expect(card.change).toBeNull();
  });

  it("says nothing it does not know when the snapshot has no row for the unit", () => {
    const card = buildScoreCard({
      unitId: 42,
      month: month([row(1, "COMMUNE", "58.3")], {
        period: { year: 2025, month: 2 },
        rows: [{ unitId: 42, total: "50" }],
      }),
    });
    expect(card).toMatchObject({
      total: null,
      change: null,
      rankInKind: null,
      rankOverall: null,
      weakest: [],
      city: null,
    });
    expect(card.groups.every((group) => group.points === null && group.percent === null)).toBe(true);
  });
});
