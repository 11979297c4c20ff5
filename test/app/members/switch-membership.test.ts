import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { switchMembership } from "../../../src/app/members/switch-membership.js";
import { seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("switchMembership", (database) => {
  const app = () => appContext(database().prisma);

  it("remembers the membership a person acts as, with an audit event", async () => {
    const { f } = await seedCast(database().prisma);
    const headA = f.personIds.headA;
    const second = await database().prisma.membership.create({
      data: { personId: headA, role: "OFFICER", unitId: f.unitB.id },
    });
    expect(await switchMembership(app(), { personId: headA, membershipId: second.id })).toEqual({
      kind: "done",
    });
    expect(await database().prisma.person.findUnique({ where: { id: headA } })).toMatchObject({
      activeMembershipId: second.id,
    });
    const event = await database().prisma.auditEvent.findFirst({
      where: { action: "membership.activated", entityId: String(headA) },
    });
    expect(event).toMatchObject({ unitId: f.unitB.id, after: { activeMembershipId: second.id } });
  });

  it("refuses someone else's membership as gone, changing nothing", async () => {
    const { f } = await seedCast(database().prisma);
    const outcome = await switchMembership(app(), {
      personId: f.personIds.headA,
      membershipId: f.membershipIds.officerA as number,
    });
    expect(outcome).toEqual({ kind: "gone" });
    expect(await database().prisma.person.findUnique({ where: { id: f.personIds.headA } })).toMatchObject({
      activeMembershipId: null,
    });
  });

  it("is gone when the membership ended before the press", async () => {
    const { f } = await seedCast(database().prisma);
    const outcome = await switchMembership(app(), {
      personId: f.personIds.removedHeadA,
      membershipId: f.membershipIds.removedHeadA as number,
    });
    expect(outcome).toEqual({ kind: "gone" });
  });
});
