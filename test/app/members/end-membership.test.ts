import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { endMembership } from "../../../src/app/members/end-membership.js";
import { seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("endMembership", (database) => {
  const app = () => appContext(database().prisma);
  const statusOf = async (id: number) =>
    (await database().prisma.membership.findUniqueOrThrow({ where: { id } })).status;

  it("lets a head remove an officer of their unit, who stops acting as it, with an audit event", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const colleague = f.colleagueA;
    await database().prisma.person.update({
      where: { id: colleague.personId },
      data: { activeMembershipId: colleague.membershipId },
    });
    const outcome = await endMembership(app(), {
      actor: await actor("headA"),
      membershipId: colleague.membershipId,
      how: "removed",
    });
    expect(outcome).toMatchObject({ kind: "done", member: { membershipId: colleague.membershipId } });
    expect(await statusOf(colleague.membershipId)).toBe("REMOVED");
    expect(await database().prisma.person.findUnique({ where: { id: colleague.personId } })).toMatchObject({
      activeMembershipId: null,
    });
    const event = await database().prisma.auditEvent.findFirst({
      where: { action: "membership.removed", entityId: String(colleague.membershipId) },
    });
    expect(event).toMatchObject({
      actorId: f.personIds.headA,
      unitId: f.unitA.id,
      after: { status: "REMOVED" },
    });
  });

  it("lets a member leave their own membership", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const officerA = f.membershipIds.officerA as number;
    const outcome = await endMembership(app(), {
      actor: await actor("officerA"),
      membershipId: officerA,
      how: "left",
    });
    expect(outcome.kind).toBe("done");
    expect(await statusOf(officerA)).toBe("REMOVED");
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "membership.left", entityId: String(officerA) },
      }),
    ).toBe(1);
  });

  it("forbids removing another unit's officer or a head, and leaving someone else's membership", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const headA = await actor("headA");
    const attempts = [
      { actor: headA, membershipId: f.membershipIds.officerB as number, how: "removed" as const },
      { actor: await actor("headB"), membershipId: f.membershipIds.headA as number, how: "removed" as const },
      {
        actor: await actor("viewer"),
        membershipId: f.membershipIds.officerA as number,
        how: "removed" as const,
      },
      { actor: headA, membershipId: f.membershipIds.officerA as number, how: "left" as const },
    ];
    for (const attempt of attempts) {
      expect(await endMembership(app(), attempt)).toEqual({ kind: "forbidden" });
      expect(await statusOf(attempt.membershipId)).toBe("ACTIVE");
    }
  });

  it("tells one removing themselves to leave instead", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const outcome = await endMembership(app(), {
      actor: await actor("headA"),
      membershipId: f.membershipIds.headA as number,
      how: "removed",
    });
    expect(outcome).toEqual({ kind: "yourself" });
  });

  it("of two removals at the same moment, one removes and the other finds it gone", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const colleague = f.colleagueA.membershipId;
    const outcomes = await Promise.all([
      endMembership(app(), { actor: await actor("headA"), membershipId: colleague, how: "removed" }),
      endMembership(app(), { actor: await actor("admin"), membershipId: colleague, how: "removed" }),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["done", "gone"]);
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "membership.removed", entityId: String(colleague) },
      }),
    ).toBe(1);
  });
});
