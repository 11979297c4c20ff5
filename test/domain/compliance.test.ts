import { describe, expect, it } from "vitest";
import { complianceCounts, share, unitCompliance } from "../../src/domain/compliance.js";

const snapshot = { snapshotId: 1, period: { year: 2025, month: 3 }, asOf: new Date("2025-04-11T04:00:00Z") };

describe("a unit's compliance", () => {
  it("gives each count's share of the overdue dossiers and what is still owed", () => {
    const figures = unitCompliance(7, snapshot, {
      overdue: 8,
      withCause: 6,
      withApology: 2,
      answered: 2,
      resolved: 4,
      paused: 1,
    });
    expect(figures).toMatchObject({ unitId: 7, period: { year: 2025, month: 3 }, owing: 6 });
    expect(figures.shares).toEqual({ withCause: 0.75, withApology: 0.25, resolved: 0.5, paused: 0.125 });
  });

  it("has no shares, and owes nothing, with nothing overdue", () => {
    const figures = unitCompliance(7, snapshot);
    expect(figures.owing).toBe(0);
    expect(figures.shares).toEqual({ withCause: null, withApology: null, resolved: null, paused: null });
    expect(share(0, 0)).toBeNull();
  });

  it.each([
    { overdue: 2, withCause: 3, withApology: 0, answered: 0, resolved: 0, paused: 0 },
    { overdue: 2, withCause: 1, withApology: 2, answered: 2, resolved: 0, paused: 0 },
    { overdue: -1, withCause: 0, withApology: 0, answered: 0, resolved: 0, paused: 0 },
  ])("refuses counts that cannot be: %o", (counts) => {
    expect(() => unitCompliance(1, snapshot, counts)).toThrow(RangeError);
  });

  it("reads the same figures from an overdue summary's missing counts", () => {
    expect(
      complianceCounts(
        { overdue: 10, missingCause: 3, missingApology: 4, unresolved: 6 },
        { answered: 5, paused: 2 },
      ),
    ).toEqual({ overdue: 10, withCause: 7, withApology: 6, answered: 5, resolved: 4, paused: 2 });
  });
});
