import { describe, expect, it } from "vitest";
import { OVERDUE_FILTERS } from "../../src/domain/overdue.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { OverdueRepository } from "../../src/repositories/overdue.js";
import {
  createSnapshot,
  createUnit,
  listDossier,
  recordApology,
  recordCause,
  recordResolution,
} from "../support/monthly-data.js";
import { describeDatabase } from "../support/test-database.js";

/**
 * A unit's list in a year of its own: five dossiers in every state the rules tell apart, one
 * listed only in an older snapshot, and another unit's dossier on the same list.
 */
async function unitWithList(db: PrismaClient, year: number) {
  const unit = await createUnit(db);
  const neighbour = await createUnit(db);
  const snapshot = await createSnapshot(db, { year, month: 3, kind: "OVERDUE_DOSSIERS" });
  const ref = { snapshotId: snapshot.id, period: { year, month: 3 }, asOf: snapshot.asOf };
  // Nothing recorded.
  const bare = await listDossier(db, snapshot, unit.id, { daysOverdue: 30, code: `${year}-B` });
  // A current cause and an apology, still open.
  const answered = await listDossier(db, snapshot, unit.id, { daysOverdue: 45, code: `${year}-A` });
  await recordCause(db, answered.id);
  await recordApology(db, answered.id);
  // Only a superseded cause: still missing one. Resolved in the bot.
  const resolved = await listDossier(db, snapshot, unit.id, {
    daysOverdue: 30,
    code: `${year}-C`,
    state: "RESOLVED",
  });
  await recordCause(db, resolved.id, { superseded: true });
  await recordResolution(db, resolved.id);
  // Finished on the portal: counts as resolved though nobody marked it.
  const finished = await listDossier(db, snapshot, unit.id, {
    daysOverdue: null,
    code: `${year}-D`,
    finishedAt: new Date(`${year}-03-20T03:00:00Z`),
  });
  // No longer listed by a newer list, but on this one.
  await listDossier(db, snapshot, unit.id, { daysOverdue: 2, code: `${year}-E`, state: "NO_LONGER_LISTED" });
  await listDossier(db, snapshot, neighbour.id, { daysOverdue: 99, code: `${year}-N` });
  const older = await createSnapshot(db, { year, month: 2, kind: "OVERDUE_DOSSIERS" });
  await listDossier(db, older, unit.id, { daysOverdue: 500, code: `${year}-OLD` });
  return { unit, ref, bare, answered, resolved, finished };
}

describe("overdue lists", () => {
  describeDatabase("a unit's list", (database) => {
    it("counts overdue, missing cause, missing apology and unresolved in one aggregate, and names the oldest", async () => {
      const db = database().prisma;
      const { unit, ref } = await unitWithList(db, 2041);
      const summary = await new OverdueRepository(db).summary(unit.id, ref);
      expect(summary).toEqual({
        unitId: unit.id,
        period: { year: 2041, month: 3 },
        asOf: ref.asOf,
        overdue: 5,
        missingCause: 4,
        missingApology: 4,
        unresolved: 2,
        oldest: { code: "2041-A", daysOverdue: 45, dueAt: new Date("2025-03-10T10:00:00Z") },
      });
    });

    it("sums up every listed unit in two statements, the same figures as one unit's summary", async () => {
      const db = database().prisma;
      const { unit, ref } = await unitWithList(db, 2046);
      const repository = new OverdueRepository(db);
      const all = await repository.summaries(ref);
      expect([...all.keys()]).toHaveLength(2);
      expect(all.get(unit.id)).toEqual(await repository.summary(unit.id, ref));
      const neighbour = [...all.values()].find((summary) => summary.unitId !== unit.id);
      expect(neighbour).toMatchObject({
        overdue: 1,
        unresolved: 1,
        oldest: { code: "2046-N", daysOverdue: 99 },
      });
      const nobody = await createUnit(db);
      expect((await repository.summaries(ref, [nobody.id, unit.id])).size).toBe(1);
      expect(await repository.summaries(ref, [])).toEqual(new Map());
      expect(await repository.summary(nobody.id, ref)).toEqual({
        unitId: nobody.id,
        period: ref.period,
        asOf: ref.asOf,
        overdue: 0,
        missingCause: 0,
        missingApology: 0,
        unresolved: 0,
        oldest: null,
      });
    });

    it("lists each filter longest overdue first, then by code, the ones without a figure last; totals agree with the summary", async () => {
      const db = database().prisma;
      const { unit, ref } = await unitWithList(db, 2042);
      const repository = new OverdueRepository(db);
      const codes: Record<string, string[]> = {};
      const totals: Record<string, number> = {};
      for (const filter of OVERDUE_FILTERS) {
        const page = await repository.page(unit.id, ref, filter, 0);
        codes[filter] = page.items.map((item) => item.code);
        totals[filter] = page.total;
      }
      expect(codes).toEqual({
        all: ["2042-A", "2042-B", "2042-C", "2042-E", "2042-D"],
        missingCause: ["2042-B", "2042-C", "2042-E", "2042-D"],
        missingApology: ["2042-B", "2042-C", "2042-E", "2042-D"],
        unresolved: ["2042-A", "2042-B"],
      });
      const summary = await repository.summary(unit.id, ref);
      expect(totals).toEqual({
        all: summary.overdue,
        missingCause: summary.missingCause,
        missingApology: summary.missingApology,
        unresolved: summary.unresolved,
      });
      const all = await repository.page(unit.id, ref, "all", 0);
      expect(all.items.map((item) => [item.code, item.hasCause, item.hasApology, item.resolved])).toEqual([
        ["2042-A", true, true, false],
        ["2042-B", false, false, false],
        ["2042-C", false, false, true],
        ["2042-E", false, false, true],
        ["2042-D", false, false, true],
      ]);
    });

    it("pages ten at a time and clamps a page past the end", async () => {
      const db = database().prisma;
      const unit = await createUnit(db);
      const snapshot = await createSnapshot(db, { year: 2043, month: 3, kind: "OVERDUE_DOSSIERS" });
      const ref = { snapshotId: snapshot.id, period: { year: 2043, month: 3 }, asOf: snapshot.asOf };
      for (let days = 1; days <= 23; days++)
        await listDossier(db, snapshot, unit.id, {
          daysOverdue: days,
          code: `2043-${String(days).padStart(2, "0")}`,
        });
      const repository = new OverdueRepository(db);
      const pages = await Promise.all([0, 1, 2, 7].map((page) => repository.page(unit.id, ref, "all", page)));
      expect(pages.map((page) => [page.page, page.pageCount, page.total, page.items.length])).toEqual([
        [0, 3, 23, 10],
        [1, 3, 23, 10],
        [2, 3, 23, 3],
        [2, 3, 23, 3],
      ]);
      expect(pages[0]?.items[0]?.code).toBe("2043-23");
      expect(pages[2]?.items.map((item) => item.code)).toEqual(["2043-03", "2043-02", "2043-01"]);
      const nobody = await createUnit(db);
      expect(await repository.page(nobody.id, ref, "all", 3)).toMatchObject({
        total: 0,
        page: 0,
        pageCount: 1,
        items: [],
      });
    });

    it("gives a dossier's card with its unit, current cause, apology and unrevoked resolution", async () => {
      const db = database().prisma;
      const { unit, answered, resolved, bare } = await unitWithList(db, 2044);
      await recordCause(db, answered.id, { category: "SYNC_ERROR", detail: "lệch giờ" });
      await recordResolution(db, bare.id, { revoked: true });
      const repository = new OverdueRepository(db);
      const card = await repository.dossier(answered.id);
      expect(card).toMatchObject({
        id: answered.id,
        unitId: unit.id,
        code: "2044-A",
        applicantName: "Nguyễn Văn An",
        state: "OPEN",
        cause: { category: "SYNC_ERROR", detail: "lệch giờ" },
        apology: { issuedOn: new Date("2025-03-09T00:00:00Z") },
        resolution: null,
      });
      expect(await repository.dossier(resolved.id)).toMatchObject({
        cause: null,
        apology: null,
        resolution: { outcome: "RESULT_ISSUED", resolvedOn: new Date("2025-03-20T00:00:00Z") },
      });
      expect((await repository.dossier(bare.id))?.resolution).toBeNull();
      expect(await repository.dossier(999_999)).toBeNull();
    });

    it("gives every row for the workbook, in the list's order, with the list's day counts", async () => {
      const db = database().prisma;
      const { unit, ref } = await unitWithList(db, 2045);
      const rows = await new OverdueRepository(db).workbookRows(unit.id, ref);
      expect(rows.map((row) => [row.code, row.daysOverdue])).toEqual([
        ["2045-A", 45],
        ["2045-B", 30],
        ["2045-C", 30],
        ["2045-E", 2],
        ["2045-D", null],
      ]);
    });
  });

  describeDatabase("which list", (database) => {
    it("takes the latest period with a current overdue list, or the one asked for", async () => {
      const db = database().prisma;
      const repository = new OverdueRepository(db);
      expect(await repository.findSnapshot()).toBeNull();
      await createSnapshot(db, { year: 2050, month: 11, kind: "OVERDUE_DOSSIERS", isCurrent: false });
      const current = await createSnapshot(db, { year: 2050, month: 11, kind: "OVERDUE_DOSSIERS" });
      await createSnapshot(db, { year: 2050, month: 12, kind: "UNIT_SCORES" });
      const october = await createSnapshot(db, { year: 2050, month: 10, kind: "OVERDUE_DOSSIERS" });
      expect(await repository.findSnapshot()).toEqual({
        snapshotId: current.id,
        period: { year: 2050, month: 11 },
        asOf: current.asOf,
      });
      expect((await repository.findSnapshot({ year: 2050, month: 10 }))?.snapshotId).toBe(october.id);
      expect(await repository.findSnapshot({ year: 2050, month: 12 })).toBeNull();
    });
  });
});
