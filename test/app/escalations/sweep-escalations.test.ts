// The sweep over imported months: L2 after two overdue months, L3 after three, with notices to
// the unit head, the Center and the People's Committee; nothing opened or sent twice;
// acknowledgement; the de-escalation proposed, never silent, and confirmed by an admin.
import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { acknowledgeEscalation } from "../../../src/app/escalations/acknowledge-escalation.js";
import {
  closeEscalation,
  escalateToPeoplesCommittee,
} from "../../../src/app/escalations/decide-escalation.js";
import { type SweepDeps, sweepEscalations } from "../../../src/app/escalations/sweep-escalations.js";
import { createEscalationComposer } from "../../../src/bot/escalations/compose.js";
import type { PrismaClient } from "../../../src/generated/prisma/client.js";
import { createTranslator } from "../../../src/i18n/index.js";
import { newMember } from "../../support/actors.js";
import { createSnapshot, createUnit, listDossier } from "../../support/monthly-data.js";
import { describeDatabase } from "../../support/test-database.js";

let nextYear = 2040;

/** A unit listed overdue in `months` consecutive months of a year of its own. */
async function overdueMonths(db: PrismaClient, months: number) {
  const year = ++nextYear;
  const unit = await createUnit(db);
  for (let month = 1; month <= months; month++) {
    const snapshot = await createSnapshot(db, { year, month, kind: "OVERDUE_DOSSIERS" });
    await listDossier(db, snapshot, unit.id, { daysOverdue: month });
  }
  return { year, unit };
}

function sweepDeps(db: PrismaClient, now = () => new Date("2041-05-05T01:00:00Z")): SweepDeps {
  return {
    app: appContext(db, now),
    compose: createEscalationComposer({ translator: createTranslator("vi"), timeZone: "Asia/Ho_Chi_Minh" }),
    defaultLocale: "vi",
    timeZone: "Asia/Ho_Chi_Minh",
  };
}

describeDatabase("the escalation sweep", (database) => {
  it("takes a unit overdue three imported months running to L3, tells the head, the Center and the PC once", async () => {
    const db = database().prisma;
    const { unit } = await overdueMonths(db, 3);
    const head = await newMember(db, "UNIT_HEAD", unit.id);
    const admin = await newMember(db, "CENTER_ADMIN", null);
    await newMember(db, "PC_VIEWER", null);
    const deps = sweepDeps(db);
    const first = await sweepEscalations(deps, { actorLabel: "test" });
    expect(first.opened).toBeGreaterThanOrEqual(1);
    const escalation = await db.escalation.findFirstOrThrow({ where: { unitId: unit.id, closedAt: null } });
    expect(escalation.level).toBe("L3_PEOPLES_COMMITTEE");
    expect(escalation.reason).toBe("CONSECUTIVE_OVERDUE_MONTHS");
    expect(escalation.acknowledgeBy).not.toBeNull();
    const notices = await db.outboxMessage.findMany({ where: { batch: `esc:${escalation.id}` } });
    expect(new Set(notices.map((notice) => notice.kind))).toEqual(
      new Set(["escalation.unitHead", "escalation.peoplesCommittee"]),
    );
    // The Center hears of the whole sweep in one message, whatever the number of units.
    const centerAbout = async () =>
      (
        await db.outboxMessage.findMany({
          where: { batch: { startsWith: "esc:center:" }, personId: admin.personId },
        })
      ).filter((message) => (message.payload as { text: string }).text.includes(`<b>${unit.nameVi}</b>`));
    expect(await centerAbout()).toHaveLength(1);
    const headNotice = notices.find((notice) => notice.personId === head.personId);
    expect((headNotice?.payload as { text: string }).text).toContain("3 tháng liên tiếp");

    await sweepEscalations(deps, { actorLabel: "test" });
    expect(await db.escalation.count({ where: { unitId: unit.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { batch: `esc:${escalation.id}` } })).toBe(notices.length);
    expect(await centerAbout()).toHaveLength(1);

    expect(await acknowledgeEscalation(deps.app, { actor: head, escalationId: escalation.id })).toMatchObject(
      { kind: "done" },
    );
    expect(await acknowledgeEscalation(deps.app, { actor: head, escalationId: escalation.id })).toMatchObject(
      { kind: "already" },
    );
  });

  it("opens L2 after two months, raises it to L3 after the third, never opening a second", async () => {
    const db = database().prisma;
    const { year, unit } = await overdueMonths(db, 2);
    const deps = sweepDeps(db);
    await sweepEscalations(deps, { actorLabel: "test" });
    expect((await db.escalation.findFirstOrThrow({ where: { unitId: unit.id } })).level).toBe("L2_CENTER");
    const third = await createSnapshot(db, { year, month: 3, kind: "OVERDUE_DOSSIERS" });
    await listDossier(db, third, unit.id, { daysOverdue: 9 });
    await sweepEscalations(deps, { actorLabel: "test" });
    const escalations = await db.escalation.findMany({ where: { unitId: unit.id } });
    expect(escalations.map((escalation) => escalation.level)).toEqual(["L3_PEOPLES_COMMITTEE"]);
  });

  it("proposes the de-escalation after a clean month and closes only when an admin confirms", async () => {
    const db = database().prisma;
    const { year, unit } = await overdueMonths(db, 2);
    const admin = await newMember(db, "CENTER_ADMIN", null);
    const head = await newMember(db, "UNIT_HEAD", unit.id);
    const deps = sweepDeps(db);
    await sweepEscalations(deps, { actorLabel: "test" });
    const escalation = await db.escalation.findFirstOrThrow({ where: { unitId: unit.id } });
    const clean = await createSnapshot(db, { year, month: 3, kind: "OVERDUE_DOSSIERS" });
    const other = await createUnit(db);
    await listDossier(db, clean, other.id, { daysOverdue: 1 });
    await sweepEscalations(deps, { actorLabel: "test" });
    const proposed = await db.escalation.findUniqueOrThrow({ where: { id: escalation.id } });
    expect(proposed.closedAt).toBeNull();
    expect(proposed.deescalationProposedAt).not.toBeNull();
    expect(await closeEscalation(deps, { actor: head, escalationId: escalation.id })).toEqual({
      kind: "forbidden",
    });
    expect(await closeEscalation(deps, { actor: admin, escalationId: escalation.id })).toMatchObject({
      kind: "done",
    });
    expect((await db.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).closedAt).not.toBeNull();
  });

  it("lets a Center admin escalate a unit to the People's Committee by hand, and nobody else", async () => {
    const db = database().prisma;
    const unit = await createUnit(db);
    const admin = await newMember(db, "CENTER_ADMIN", null);
    const head = await newMember(db, "UNIT_HEAD", unit.id);
    const deps = sweepDeps(db);
    expect(await escalateToPeoplesCommittee(deps, { actor: head, unitId: unit.id, note: null })).toEqual({
      kind: "forbidden",
    });
    const outcome = await escalateToPeoplesCommittee(deps, {
      actor: admin,
      unitId: unit.id,
      note: "Kiểm tra xác suất",
    });
    expect(outcome).toMatchObject({
      kind: "done",
      escalation: { level: "L3_PEOPLES_COMMITTEE", manual: true },
    });
    expect(
      await escalateToPeoplesCommittee(deps, { actor: admin, unitId: unit.id, note: null }),
    ).toMatchObject({ kind: "unchanged" });
  });
});
