import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { createInvite } from "../../../src/app/invites/create-invite.js";
import { revokeInvite } from "../../../src/app/invites/revoke-invite.js";
import { type Cast, seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("revokeInvite", (database) => {
  const app = () => appContext(database().prisma);

  async function officersInvite(cast: Cast): Promise<number> {
    const outcome = await createInvite(app(), {
      actor: await cast.actor("headA"),
      role: "OFFICER",
      unitId: cast.f.unitA.id,
      requestedUses: 1,
      ttlDays: 7,
    });
    if (outcome.kind !== "done") throw new Error("the head may invite officers");
    return outcome.invite.id;
  }

  it("revokes an open invite, with an audit event, and says so only once", async () => {
    const cast = await seedCast(database().prisma);
    const inviteId = await officersInvite(cast);
    const admin = await cast.actor("admin");
    expect(await revokeInvite(app(), { actor: admin, inviteId })).toMatchObject({
      kind: "done",
      invite: { id: inviteId },
    });
    expect(await revokeInvite(app(), { actor: admin, inviteId })).toMatchObject({ kind: "alreadyRevoked" });
    const events = await database().prisma.auditEvent.findMany({
      where: { action: "invite.revoked", entityId: String(inviteId) },
    });
    expect(events).toMatchObject([{ actorId: cast.f.personIds.admin, unitId: cast.f.unitA.id }]);
  });

  it("forbids another unit's head, an officer and a stranger", async () => {
    const cast = await seedCast(database().prisma);
    const inviteId = await officersInvite(cast);
    for (const who of ["headB", "officerA", "stranger"] as const)
      expect(await revokeInvite(app(), { actor: await cast.actor(who), inviteId })).toEqual({
        kind: "forbidden",
      });
    expect(await revokeInvite(app(), { actor: null, inviteId })).toEqual({ kind: "forbidden" });
    expect(await database().prisma.invite.findUnique({ where: { id: inviteId } })).toMatchObject({
      revokedAt: null,
    });
  });

  it("is gone for an unknown invite", async () => {
    const cast = await seedCast(database().prisma);
    expect(await revokeInvite(app(), { actor: await cast.actor("admin"), inviteId: 999_999 })).toEqual({
      kind: "gone",
    });
  });

  it("revoked twice at the same moment, revokes once", async () => {
    const cast = await seedCast(database().prisma);
    const inviteId = await officersInvite(cast);
    const outcomes = await Promise.all([
      revokeInvite(app(), { actor: await cast.actor("admin"), inviteId }),
      revokeInvite(app(), { actor: await cast.actor("headA"), inviteId }),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["alreadyRevoked", "done"]);
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "invite.revoked", entityId: String(inviteId) },
      }),
    ).toBe(1);
  });
});
