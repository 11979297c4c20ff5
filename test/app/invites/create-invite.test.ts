import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { createInvite } from "../../../src/app/invites/create-invite.js";
import { hashInviteCode, isInviteCode } from "../../../src/domain/invites.js";
import { seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

const NOW = new Date("2025-04-11T03:00:00Z");

describeDatabase("createInvite", (database) => {
  const app = () => appContext(database().prisma, () => NOW);

  it("creates a head's officers' invite to their unit, keeping only the code's hash, with an audit event", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const outcome = await createInvite(app(), {
      actor: await actor("headA"),
      role: "OFFICER",
      unitId: f.unitA.id,
      requestedUses: 10,
      ttlDays: 7,
    });
    if (outcome.kind !== "done") throw new Error(`expected an invite, got ${outcome.kind}`);
    expect(isInviteCode(outcome.code)).toBe(true);
    expect(outcome.invite).toMatchObject({
      role: "OFFICER",
      maxUses: 10,
      usedCount: 0,
      unit: { id: f.unitA.id },
    });
    const stored = await database().prisma.invite.findUniqueOrThrow({ where: { id: outcome.invite.id } });
    expect(stored).toMatchObject({
      codeHash: hashInviteCode(outcome.code),
      createdById: f.personIds.headA,
      expiresAt: new Date(NOW.getTime() + 7 * 86_400_000),
    });
    const event = await database().prisma.auditEvent.findFirst({
      where: { action: "invite.created", entityId: String(outcome.invite.id) },
    });
    expect(event).toMatchObject({ actorId: f.personIds.headA, unitId: f.unitA.id, after: { maxUses: 10 } });
  });

  it("lets an admin create a city-wide invite", async () => {
    const { actor } = await seedCast(database().prisma);
    const outcome = await createInvite(app(), {
      actor: await actor("admin"),
      role: "PC_VIEWER",
      unitId: null,
      requestedUses: 1,
      ttlDays: 7,
    });
    expect(outcome).toMatchObject({ kind: "done", invite: { role: "PC_VIEWER", unit: null } });
  });

  it("forbids what the actor may not hand out, and places or uses that do not fit the role", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const headA = await actor("headA");
    const admin = await actor("admin");
    const base = { requestedUses: 1, ttlDays: 7 };
    const attempts = [
      { ...base, actor: headA, role: "UNIT_HEAD" as const, unitId: f.unitA.id },
      { ...base, actor: headA, role: "OFFICER" as const, unitId: f.unitB.id },
      { ...base, actor: await actor("officerA"), role: "OFFICER" as const, unitId: f.unitA.id },
      { ...base, actor: null, role: "OFFICER" as const, unitId: f.unitA.id },
      { ...base, actor: admin, role: "CENTER_ADMIN" as const, unitId: f.unitA.id },
      { ...base, actor: admin, role: "OFFICER" as const, unitId: null },
      { ...base, actor: admin, role: "OFFICER" as const, unitId: 999_999 },
      { ...base, actor: admin, role: "UNIT_HEAD" as const, unitId: f.unitA.id, requestedUses: 2 },
    ];
    const before = await database().prisma.invite.count();
    for (const attempt of attempts) expect(await createInvite(app(), attempt)).toEqual({ kind: "forbidden" });
    expect(await database().prisma.invite.count()).toBe(before);
  });

  it("forbids an invite to a unit deactivated since the unit was picked", async () => {
    const { f, actor } = await seedCast(database().prisma);
    await database().prisma.unit.update({ where: { id: f.unitB.id }, data: { active: false } });
    const outcome = await createInvite(app(), {
      actor: await actor("admin"),
      role: "OFFICER",
      unitId: f.unitB.id,
      requestedUses: 1,
      ttlDays: 7,
    });
    expect(outcome).toEqual({ kind: "forbidden" });
  });
});
