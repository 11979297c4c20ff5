import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { revokeInvite } from "../../../src/app/invites/revoke-invite.js";
import { type Cast, inviteToUnitA, seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("revokeInvite", (database) => {
  const app = () => appContext(database().prisma);

  const officersInvite = async (cast: Cast) => (await inviteToUnitA(app(), cast)).id;

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
