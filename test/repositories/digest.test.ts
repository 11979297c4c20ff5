import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/domain/digest.js";
import { DigestRepository } from "../../src/repositories/digest.js";
import { DIGEST_AT, daysBefore, digestWorld } from "../support/digest-world.js";
import { describeDatabase } from "../support/test-database.js";

const TZ = "Asia/Ho_Chi_Minh";

describe("the digest's figures", () => {
  describeDatabase("against a hand-computed city", (database) => {
    it("counts answers, the week's change, silent units, causes, escalations, inspections and the city", async () => {
      const db = database().prisma;
      const world = await digestWorld(db);
      const counts = await new DigestRepository(db).counts({
        at: DIGEST_AT,
        weekAgo: daysBefore(7),
        timeZone: TZ,
        acknowledgementDays: 3,
      });
      const digest = buildDigest(counts);

      expect(digest.list?.snapshotId).toBe(world.list.id);
      expect(digest.city).toEqual({
        period: { year: 2031, month: 3 },
        asOf: new Date("2031-04-11T04:00:00Z"),
        total: 58.3,
        change: { previousPeriod: { year: 2031, month: 2 }, delta: -3.2 },
        rank: 60,
        rankOutOf: 63,
      });
      // Ward A: causes a1 a2 a4 (a4's superseded one counted last week), apology a1, resolved a2
      // and a4 (finished on the portal); a3 bare (its cause comes after the moment).
      // Ward B: nothing now; b2's resolution, revoked yesterday, counted last week.
      // The department: all three this week.
      const line = (unitId: number) => {
        const unit = digest.ranking.find((row) => row.unitId === unitId);
        return (
          unit && {
            rank: unit.rank,
            overdue: unit.overdue,
            now: [unit.withCause, unit.withApology, unit.resolved, unit.unanswered],
            weekAgo: [unit.weekAgo.withCause, unit.weekAgo.withApology, unit.weekAgo.resolved],
            compliance: unit.compliance,
            complianceWeekAgo: unit.complianceWeekAgo,
            change: unit.change,
            score: unit.score,
          }
        );
      };
      expect(digest.ranking.map((unit) => unit.unitId)).toEqual([
        world.department.id,
        world.wardA.id,
        world.wardB.id,
      ]);
      expect(line(world.department.id)).toEqual({
        rank: 1,
        overdue: 1,
        now: [1, 1, 1, 0],
        weekAgo: [0, 0, 0],
        compliance: 100,
        complianceWeekAgo: 0,
        change: 100,
        score: null,
      });
      expect(line(world.wardA.id)).toEqual({
        rank: 2,
        overdue: 4,
        now: [3, 1, 2, 1],
        weekAgo: [2, 0, 1],
        compliance: 50,
        complianceWeekAgo: 25,
        change: 25,
        score: "71.25",
      });
      expect(line(world.wardB.id)).toEqual({
        rank: 3,
        overdue: 2,
        now: [0, 0, 0, 2],
        weekAgo: [0, 0, 1],
        compliance: 0,
        complianceWeekAgo: 16.7,
        change: -16.7,
        score: null,
      });
      expect(digest.silentUnits.map((unit) => unit.unitId)).toEqual([world.wardB.id]);
      expect(digest.totals).toEqual({
        units: 3,
        overdue: 7,
        withCause: 4,
        withApology: 2,
        resolved: 3,
        unanswered: 3,
        weekAgo: { withCause: 2, withApology: 0, resolved: 2 },
        compliance: 42.9,
        complianceWeekAgo: 19,
        change: 23.9,
      });
      expect(digest.causes).toEqual([
        { category: "WAITING_FOR_OTHER_AGENCY", count: 2, percent: 50 },
        { category: "WAITING_FOR_APPLICANT", count: 1, percent: 25 },
        { category: "SYNC_ERROR", count: 1, percent: 25 },
      ]);
      expect(digest.escalations).toEqual([
        { level: "L1_REMINDER", open: 0, newThisWeek: 0, acknowledged: 0, acknowledgementOverdue: 0 },
        { level: "L2_CENTER", open: 1, newThisWeek: 1, acknowledged: 0, acknowledgementOverdue: 0 },
        {
          level: "L3_PEOPLES_COMMITTEE",
          open: 3,
          newThisWeek: 1,
          acknowledged: 1,
          acknowledgementOverdue: 1,
        },
      ]);
      expect(digest.inspectionsDue.map((due) => [due.unitId, due.plannedOn])).toEqual([
        [world.wardA.id, "2031-04-14"],
        [world.wardB.id, "2031-04-17"],
      ]);
    });
  });
});
