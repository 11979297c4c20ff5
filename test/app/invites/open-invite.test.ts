import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { openInvite } from "../../../src/app/invites/open-invite.js";
import { type Cast, inviteToUnitA, seedCast } from "../../support/actors.js";
import { describeDatabase } from "../../support/test-database.js";

let nextTelegramId = 840_000;

describeDatabase("openInvite", (database) => {
  const app = () => appContext(database().prisma);

  const officersInvite = async (cast: Cast) => (await inviteToUnitA(app(), cast)).code;

  it("offers a good invite to someone not yet recorded, changing nothing", async () => {
    const cast = await seedCast(database().prisma);
    const code = await officersInvite(cast);
    const telegramUserId = nextTelegramId++;
    const outcome = await openInvite(app(), { telegramUserId, personId: null, code });
    expect(outcome).toMatchObject({
      kind: "offer",
      invite: { role: "OFFICER", unit: { id: cast.f.unitA.id } },
    });
    expect(
      await database().prisma.inviteAttempt.count({ where: { telegramUserId: BigInt(telegramUserId) } }),
    ).toBe(0);
  });

  it("refuses the creator their own invite, and an unknown code, recording the failed tries", async () => {
    const cast = await seedCast(database().prisma);
    const code = await officersInvite(cast);
    const head = { telegramUserId: cast.f.users.headA.id, personId: cast.f.personIds.headA };
    expect(await openInvite(app(), { ...head, code })).toEqual({ kind: "refused", status: "ownInvite" });
    expect(await openInvite(app(), { ...head, code: "B".repeat(22) })).toEqual({
      kind: "refused",
      status: "unknown",
    });
    expect(
      await database().prisma.inviteAttempt.count({
        where: { telegramUserId: BigInt(head.telegramUserId), succeeded: false },
      }),
    ).toBe(2);
  });

  it("is gone once the head who created it was removed (creatorGone)", async () => {
    const cast = await seedCast(database().prisma);
    const code = await officersInvite(cast);
    await database().prisma.membership.update({
      where: { id: cast.f.membershipIds.headA as number },
      data: { status: "REMOVED", removedAt: new Date() },
    });
    expect(await openInvite(app(), { telegramUserId: nextTelegramId++, personId: null, code })).toEqual({
      kind: "refused",
      status: "creatorGone",
    });
  });

  it("locks out someone who keeps guessing codes", async () => {
    const cast = await seedCast(database().prisma);
    const code = await officersInvite(cast);
    const telegramUserId = nextTelegramId++;
    for (let attempt = 0; attempt < 5; attempt += 1)
      await openInvite(app(), { telegramUserId, personId: null, code: `guess${attempt}`.padEnd(22, "x") });
    expect(await openInvite(app(), { telegramUserId, personId: null, code })).toMatchObject({
      kind: "lockedOut",
      minutes: 15,
    });
  });
});
