import { describe, expect, it } from "vitest";
import { buildScoreCard } from "../../src/domain/score-card.js";
import { ScoreCardsRepository } from "../../src/repositories/score-cards.js";
import { addScore, createSnapshot, createUnit } from "../support/monthly-data.js";
import { describeDatabase } from "../support/test-database.js";

describe("score cards", () => {
  describeDatabase("a month's scores", (database) => {
    it("loads the period's current snapshot with unit kinds, the previous period's totals and the city", async () => {
      const db = database().prisma;
      const city = await createUnit(db, { kind: "PROVINCE" });
      const ward = await createUnit(db);
      const other = await createUnit(db);
      const department = await createUnit(db, { kind: "DEPARTMENT" });
      const february = await createSnapshot(db, { year: 2031, month: 2, kind: "UNIT_SCORES" });
      await addScore(db, february.id, ward.id, "61.50");
      const march = await createSnapshot(db, {
        year: 2031,
        month: 3,
        kind: "UNIT_SCORES",
        asOf: new Date("2031-04-11T04:00:00Z"),
      });
      await addScore(db, march.id, city.id, "58.30", { rank: 60, rankOutOf: 63 });
      await addScore(db, march.id, ward.id, "58.30", {
        publicity: "8.30",
        progress: "15.20",
        onlineService: null,
        onlinePayment: "4.70",
        satisfaction: "16.90",
        digitisation: "0",
      });
      await addScore(db, march.id, other.id, "70");
      await addScore(db, march.id, department.id, "40");
      // A superseded snapshot of March is history, not figures.
      const stale = await createSnapshot(db, { year: 2031, month: 3, kind: "UNIT_SCORES", isCurrent: false });
      await addScore(db, stale.id, ward.id, "99");

      const month = await new ScoreCardsRepository(db).loadMonth({ year: 2031, month: 3 });
      expect(month?.asOf).toEqual(new Date("2031-04-11T04:00:00Z"));
      expect(month?.rows.find((row) => row.unitId === ward.id)).toEqual({
        unitId: ward.id,
        unitKind: "COMMUNE",
        total: "58.30",
        rank: null,
        rankOutOf: null,
        publicity: "8.30",
        progress: "15.20",
        onlineService: null,
        onlinePayment: "4.70",
        satisfaction: "16.90",
        digitisation: "0.00",
      });
      expect(month?.previous).toEqual({
        period: { year: 2031, month: 2 },
        rows: [{ unitId: ward.id, total: "61.50" }],
      });
      const card = month && buildScoreCard({ unitId: ward.id, month });
      expect(card).toMatchObject({
        total: 58.3,
        change: { delta: -3.2, previousTotal: 61.5 },
        rankInKind: { kind: "COMMUNE", rank: 2, outOf: 2 },
        rankOverall: { rank: 2, outOf: 3 },
        city: { total: 58.3, rank: 60, rankOutOf: 63 },
        weakest: ["MDSH", "CKMB"],
      });
    });
  });

  describeDatabase("which month", (database) => {
    it("takes the latest period with a current snapshot, or the one asked for, and compares with the latest before it", async () => {
      const db = database().prisma;
      const unit = await createUnit(db);
      const repository = new ScoreCardsRepository(db);
      expect(await repository.loadMonth()).toBeNull();
      const january = await createSnapshot(db, { year: 2032, month: 1, kind: "UNIT_SCORES" });
      await addScore(db, january.id, unit.id, "50");
      // March is not imported yet; April's only snapshot was superseded by nothing current.
      const march = await createSnapshot(db, { year: 2032, month: 3, kind: "UNIT_SCORES" });
      await addScore(db, march.id, unit.id, "55");
      await createSnapshot(db, { year: 2032, month: 4, kind: "UNIT_SCORES", isCurrent: false });
      await createSnapshot(db, { year: 2032, month: 5, kind: "OVERDUE_DOSSIERS" });

      const latest = await repository.loadMonth();
      expect(latest?.period).toEqual({ year: 2032, month: 3 });
      expect(latest?.previous?.period).toEqual({ year: 2032, month: 1 });
      expect((await repository.loadMonth({ year: 2032, month: 1 }))?.previous).toBeNull();
      expect(await repository.loadMonth({ year: 2032, month: 2 })).toBeNull();
      expect(await repository.loadMonth({ year: 2032, month: 4 })).toBeNull();
    });
  });
});
