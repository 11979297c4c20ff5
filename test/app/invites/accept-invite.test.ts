import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { acceptInvite } from "../../../src/app/invites/accept-invite.js";
import { hashInviteCode } from "../../../src/domain/invites.js";
import type { Role } from "../../../src/domain/roles.js";
import { type Cast, inviteToUnitA, seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

let nextTelegramId = 830_000;

describeDatabase("acceptInvite", (database) => {
  const app = () => appContext(database().prisma);

  const invite = async (cast: Cast, role: Role) =>
    (await inviteToUnitA(app(), cast, { by: "admin", role })).code;

  async function newcomer() {
    const telegramUserId = nextTelegramId++;
    const person = await database().prisma.person.create({
      data: { telegramUserId: BigInt(telegramUserId) },
    });
    return { telegramUserId, personId: person.id };
  }

  it("links a newcomer with the invite's role, uses it up, acts as it, with an audit event", async () => {
    const cast = await seedCast(database().prisma);
    const code = await invite(cast, "OFFICER");
    const who = await newcomer();
    const outcome = await acceptInvite(app(), { ...who, code });
    if (outcome.kind !== "linked") throw new Error(`expected linked, got ${outcome.kind}`);
    expect(
      await database().prisma.membership.findUnique({ where: { id: outcome.membershipId } }),
    ).toMatchObject({
      personId: who.personId,
      role: "OFFICER",
      unitId: cast.f.unitA.id,
      status: "ACTIVE",
      inviteId: outcome.invite.id,
    });
    expect(await database().prisma.person.findUnique({ where: { id: who.personId } })).toMatchObject({
      activeMembershipId: outcome.membershipId,
    });
    expect(await database().prisma.invite.findUnique({ where: { id: outcome.invite.id } })).toMatchObject({
      usedCount: 1,
    });
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "membership.linked", entityId: String(outcome.membershipId), actorId: who.personId },
      }),
    ).toBe(1);
    expect(await acceptInvite(app(), { ...who, code })).toMatchObject({ kind: "alreadyMember" });
  });

  it("ends the other role the person held in that unit: one role per unit", async () => {
    const cast = await seedCast(database().prisma);
    const officerA = cast.f.membershipIds.officerA as number;
    const code = await invite(cast, "UNIT_HEAD");
    const outcome = await acceptInvite(app(), {
      telegramUserId: cast.f.users.officerA.id,
      personId: cast.f.personIds.officerA,
      code,
    });
    expect(outcome.kind).toBe("linked");
    expect(await database().prisma.membership.findUnique({ where: { id: officerA } })).toMatchObject({
      status: "REMOVED",
    });
    const held = await database().prisma.membership.findMany({
      where: { personId: cast.f.personIds.officerA, status: "ACTIVE" },
    });
    expect(held).toMatchObject([{ role: "UNIT_HEAD", unitId: cast.f.unitA.id }]);
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "membership.replaced", entityId: String(officerA) },
      }),
    ).toBe(1);
  });

  it("refuses one's own invite, a revoked one and an unknown code, counting each as a failed try", async () => {
    const cast = await seedCast(database().prisma);
    const code = await invite(cast, "OFFICER");
    const admin = { telegramUserId: cast.f.users.admin.id, personId: cast.f.personIds.admin };
    expect(await acceptInvite(app(), { ...admin, code })).toEqual({ kind: "refused", status: "ownInvite" });
    await database().prisma.invite.update({
      where: { codeHash: hashInviteCode(code) },
      data: { revokedAt: new Date() },
    });
    const who = await newcomer();
    expect(await acceptInvite(app(), { ...who, code })).toEqual({ kind: "refused", status: "revoked" });
    expect(await acceptInvite(app(), { ...who, code: "A".repeat(22) })).toEqual({
      kind: "refused",
      status: "unknown",
    });
    expect(await acceptInvite(app(), { ...who, code: null })).toEqual({ kind: "refused", status: "unknown" });
    expect(
      await database().prisma.inviteAttempt.count({
        where: { telegramUserId: BigInt(who.telegramUserId), succeeded: false },
      }),
    ).toBe(3);
    expect(await database().prisma.membership.count({ where: { personId: who.personId } })).toBe(0);
  });

  it("locks out someone who keeps sending wrong codes", async () => {
    const cast = await seedCast(database().prisma);
    const code = await invite(cast, "OFFICER");
    const who = await newcomer();
    for (let attempt = 0; attempt < 5; attempt += 1)
      await acceptInvite(app(), { ...who, code: `wrong${attempt}`.padEnd(22, "x") });
    expect(await acceptInvite(app(), { ...who, code })).toMatchObject({ kind: "lockedOut" });
    expect(await database().prisma.membership.count({ where: { personId: who.personId } })).toBe(0);
  });

  it("gives the last use to exactly one of two people taking it at the same moment", async () => {
    const cast = await seedCast(database().prisma);
    const code = await invite(cast, "OFFICER");
    const [first, second] = [await newcomer(), await newcomer()];
    const outcomes = await Promise.all([
      acceptInvite(app(), { ...first, code }),
      acceptInvite(app(), { ...second, code }),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["linked", "refused"]);
    expect(outcomes.find((outcome) => outcome.kind === "refused")).toEqual({
      kind: "refused",
      status: "used",
    });
  });
});
