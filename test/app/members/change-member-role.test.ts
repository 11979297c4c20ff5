import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { changeMemberRole } from "../../../src/app/members/change-member-role.js";
import { endMembership } from "../../../src/app/members/end-membership.js";
import { seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("changeMemberRole", (database) => {
  const app = () => appContext(database().prisma);
  const roleOf = async (id: number) =>
    (await database().prisma.membership.findUniqueOrThrow({ where: { id } })).role;

  it("lets an admin make an officer head of their unit, with an audit event", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const officerB = f.membershipIds.officerB as number;
    const outcome = await changeMemberRole(app(), {
      actor: await actor("admin"),
      membershipId: officerB,
      role: "UNIT_HEAD",
    });
    expect(outcome).toMatchObject({ kind: "done", member: { membershipId: officerB, role: "UNIT_HEAD" } });
    expect(await roleOf(officerB)).toBe("UNIT_HEAD");
    const event = await database().prisma.auditEvent.findFirst({
      where: { action: "membership.roleChanged", entityId: String(officerB) },
    });
    expect(event).toMatchObject({
      actorId: f.personIds.admin,
      unitId: f.unitB.id,
      before: { role: "OFFICER" },
      after: { role: "UNIT_HEAD" },
    });
  });

  it("forbids a head to make an officer head, another unit's member, or a city-wide role", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const headA = await actor("headA");
    const officerA = f.membershipIds.officerA as number;
    for (const attempt of [
      { actor: headA, membershipId: officerA, role: "UNIT_HEAD" as const },
      { actor: headA, membershipId: f.membershipIds.officerB as number, role: "OFFICER" as const },
      { actor: await actor("admin"), membershipId: officerA, role: "CENTER_ADMIN" as const },
      { actor: await actor("officerA"), membershipId: f.colleagueA.membershipId, role: "UNIT_HEAD" as const },
      { actor: null, membershipId: officerA, role: "UNIT_HEAD" as const },
    ])
      expect(await changeMemberRole(app(), attempt)).toEqual({ kind: "forbidden" });
    expect(await roleOf(officerA)).toBe("OFFICER");
  });

  it("does not let anyone change their own membership here", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const outcome = await changeMemberRole(app(), {
      actor: await actor("admin"),
      membershipId: f.membershipIds.admin as number,
      role: "UNIT_HEAD",
    });
    expect(outcome).toEqual({ kind: "yourself" });
  });

  it("is gone for an ended membership", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const outcome = await changeMemberRole(app(), {
      actor: await actor("admin"),
      membershipId: f.membershipIds.removedHeadA as number,
      role: "OFFICER",
    });
    expect(outcome).toEqual({ kind: "gone" });
  });

  it("of a role change and a removal at the same moment, exactly one happens", async () => {
    const { f, actor } = await seedCast(database().prisma);
    const colleague = f.colleagueA.membershipId;
    const [changed, removed] = await Promise.all([
      changeMemberRole(app(), { actor: await actor("admin"), membershipId: colleague, role: "UNIT_HEAD" }),
      endMembership(app(), { actor: await actor("headA"), membershipId: colleague, how: "removed" }),
    ]);
    const kinds = [changed.kind, removed.kind];
    expect(kinds.filter((kind) => kind === "done")).toHaveLength(1);
    expect(
      kinds.filter((kind) => kind !== "done").every((kind) => kind === "gone" || kind === "forbidden"),
    ).toBe(true);
    const stored = await database().prisma.membership.findUniqueOrThrow({ where: { id: colleague } });
    expect(stored).toMatchObject(
      changed.kind === "done"
        ? { status: "ACTIVE", role: "UNIT_HEAD" }
        : { status: "REMOVED", role: "OFFICER" },
    );
  });
});
