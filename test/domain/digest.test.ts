import { describe, expect, it } from "vitest";
import {
  buildDigest,
  causeShares,
  complianceOf,
  DEFAULT_DIGEST_SETTINGS,
  digestAudienceOf,
  isDigestSlot,
  weekKeyOf,
} from "../../src/domain/digest.js";
import type { Actor } from "../../src/domain/policy.js";
import { SAMPLE_COUNTS } from "../support/digest-counts.js";

const TZ = "Asia/Ho_Chi_Minh";

describe("complianceOf", () => {
  it.each([
    [{ withCause: 0, withApology: 0, resolved: 0 }, 0, 0],
    [{ withCause: 1, withApology: 1, resolved: 1 }, 1, 100],
    [{ withCause: 3, withApology: 1, resolved: 2 }, 4, 50],
    [{ withCause: 1, withApology: 0, resolved: 0 }, 6, 5.6],
    [{ withCause: 4, withApology: 2, resolved: 3 }, 7, 42.9],
  ])("%o of %i dossiers: %f%%", (answers, overdue, percent) => {
    expect(complianceOf(answers, overdue)).toBe(percent);
  });
});

describe("weekKeyOf", () => {
  it.each([
    ["2031-04-14T01:00:00Z", "2031-W16"],
    // Sunday 23:30 UTC is already Monday in Hà Nội.
    ["2031-04-13T17:30:00Z", "2031-W16"],
    ["2031-04-13T16:30:00Z", "2031-W15"],
    // 1 January 2027 is a Friday: still the last week of 2026.
    ["2027-01-01T05:00:00Z", "2026-W53"],
    ["2024-12-30T05:00:00Z", "2025-W01"],
  ])("%s is %s", (at, key) => {
    expect(weekKeyOf(new Date(at), TZ)).toBe(key);
  });
});

describe("isDigestSlot", () => {
  it.each([
    ["2031-04-14T01:00:00Z", DEFAULT_DIGEST_SETTINGS, true],
    ["2031-04-14T02:00:00Z", DEFAULT_DIGEST_SETTINGS, false],
    ["2031-04-15T01:00:00Z", DEFAULT_DIGEST_SETTINGS, false],
    ["2031-04-14T03:00:00Z", { ...DEFAULT_DIGEST_SETTINGS, weeklyHour: 10 }, true],
    ["2031-04-14T01:00:00Z", { ...DEFAULT_DIGEST_SETTINGS, weeklyHour: null }, false],
  ])("%s with %o: %s", (at, settings, due) => {
    expect(isDigestSlot(new Date(at), TZ, settings)).toBe(due);
  });
});

describe("digestAudienceOf", () => {
  const actor = (...roles: Array<"CENTER_ADMIN" | "PC_VIEWER" | "UNIT_HEAD">): Actor => ({
    personId: 1,
    memberships: roles.map((role, id) => ({ id, role, unitId: role === "UNIT_HEAD" ? 5 : null })),
  });
  it.each([
    [actor("CENTER_ADMIN"), "center"],
    [actor("PC_VIEWER"), "peoplesCommittee"],
    [actor("PC_VIEWER", "CENTER_ADMIN"), "center"],
    [actor("UNIT_HEAD"), null],
    [null, null],
  ])("%o", (who, audience) => {
    expect(digestAudienceOf(who)).toBe(audience);
  });
});

describe("buildDigest", () => {
  it("ranks by compliance (ties share a rank), lists silent units by size, splits causes", () => {
    const digest = buildDigest(SAMPLE_COUNTS);
    expect(digest.ranking.map((unit) => [unit.unitId, unit.rank, unit.compliance, unit.change])).toEqual([
      [4, 1, 100, 0],
      [1, 2, 50, 20.8],
      [3, 3, 28.3, 28.3],
      // Equal compliance: fewer unanswered dossiers first.
      [5, 4, 0, 0],
      [2, 4, 0, 0],
    ]);
    expect(digest.silentUnits.map((unit) => unit.unitId)).toEqual([2, 5]);
    expect(digest.city).toMatchObject({ total: 58.3, change: { delta: -3.2 }, rank: 60 });
    expect(digest.escalations.map((row) => row.open)).toEqual([0, 0, 2]);
  });

  it("gives shares that skip empty categories and keep the catalogue's order on ties", () => {
    expect(
      causeShares([
        { category: "OTHER", count: 1 },
        { category: "WORKLOAD", count: 0 },
        { category: "SYNC_ERROR", count: 1 },
        { category: "WAITING_FOR_APPLICANT", count: 2 },
      ]),
    ).toEqual([
      { category: "WAITING_FOR_APPLICANT", count: 2, percent: 50 },
      { category: "SYNC_ERROR", count: 1, percent: 25 },
      { category: "OTHER", count: 1, percent: 25 },
    ]);
  });
});
