import { describe, expect, it } from "vitest";
import { MembershipsRepository } from "../../../src/repositories/memberships.js";
import { useAccessWorld } from "../../support/access-fixture.js";
import { callbackUpdate, textUpdate } from "../../support/telegram.js";
import { databaseLabel } from "../../support/test-database.js";

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
const buttonsOf = (markup: unknown) => (markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];

describe(`members, /switch and /leave on ${databaseLabel()}`, () => {
  const world = useAccessWorld();

  it("shows a unit head their unit's members, with buttons only for the officers they manage", async () => {
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.headA, "/members"));
    const list = world.harness.api.of("sendMessage")[0]?.payload;
    expect(list?.text).toContain("Members of Phường Thử Nghiệm A</b> (3 people)");
    expect(list?.text).toContain("• headA — Head of unit, since");
    expect(list?.text).not.toContain("removedHeadA");
    expect(buttonsOf(list?.reply_markup).map((button) => button.text)).toEqual([
      "👤 officerA",
      "👤 colleagueA",
    ]);
  });

  it("lets an admin open any unit's members, change a role and remove someone after confirming", async () => {
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.admin, `/members ${world.f.unitB.code}`));
    expect(world.harness.api.lastText()).toContain("Members of Phường Thử Nghiệm B");
    const officerB = world.f.membershipIds.officerB as number;
    world.harness.api.reset();
    await world.harness.send(callbackUpdate(world.f.users.admin, `mbr:${officerB}`));
    const card = world.harness.api.of("editMessageText")[0]?.payload;
    expect(card?.text).toContain("Role: Civil servant");
    expect(buttonsOf(card?.reply_markup).map((button) => button.callback_data)).toEqual([
      `mbs:${officerB}:UNIT_HEAD`,
      `mbd:${officerB}`,
      `mbl:${world.f.unitB.id}:0`,
    ]);
    await world.harness.send(callbackUpdate(world.f.users.admin, `mbs:${officerB}:UNIT_HEAD`));
    expect(world.harness.api.lastText()).toContain("Role: Head of unit");
    await world.harness.send(callbackUpdate(world.f.users.admin, `mbd:${officerB}`));
    expect(world.harness.api.lastText()).toContain("Remove <b>officerB</b> (Head of unit)?");
    expect(
      await world.database.prisma.membership.findUniqueOrThrow({ where: { id: officerB } }),
    ).toMatchObject({
      status: "ACTIVE",
    });
    await world.harness.send(callbackUpdate(world.f.users.admin, `mby:${officerB}`));
    expect(
      await world.database.prisma.membership.findUniqueOrThrow({ where: { id: officerB } }),
    ).toMatchObject({
      status: "REMOVED",
    });
    // Their personal menu goes back to the public one.
    expect(world.harness.api.of("deleteMyCommands").at(-1)?.payload).toMatchObject({
      scope: { type: "chat", chat_id: world.f.users.officerB.id },
    });
    const events = await world.database.prisma.auditEvent.findMany({
      where: { entityType: "Membership", entityId: String(officerB) },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId, event.before, event.after])).toEqual([
      ["membership.roleChanged", world.f.personIds.admin, { role: "OFFICER" }, { role: "UNIT_HEAD" }],
      [
        "membership.removed",
        world.f.personIds.admin,
        { status: "ACTIVE", role: "UNIT_HEAD" },
        { status: "REMOVED" },
      ],
    ]);

    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.officerB, `/history ${world.f.dossierB.code}`));
    expect(world.harness.api.lastText()).toContain("No dossier");
  });

  it("refuses a head's removal when the member's role changed since the confirmation", async () => {
    const colleague = world.f.colleagueA.membershipId;
    await world.harness.send(callbackUpdate(world.f.users.headA, `mbd:${colleague}`));
    await world.harness.send(callbackUpdate(world.f.users.admin, `mbs:${colleague}:UNIT_HEAD`));
    world.harness.api.reset();
    await world.harness.send(callbackUpdate(world.f.users.headA, `mby:${colleague}`));
    expect(world.harness.api.alerts()[0]).toContain("You may not manage these members");
    const stale = await world.database.prisma.membership.findUniqueOrThrow({ where: { id: colleague } });
    expect(stale).toMatchObject({ status: "ACTIVE", role: "UNIT_HEAD" });
    expect(
      await new MembershipsRepository(world.database.prisma).end(colleague, "OFFICER", new Date()),
    ).toEqual({ kind: "gone" });
    await world.database.prisma.membership.update({ where: { id: colleague }, data: { role: "OFFICER" } });
  });

  it("keeps a head from changing their own membership there", async () => {
    world.harness.api.reset();
    await world.harness.send(callbackUpdate(world.f.users.headA, `mby:${world.f.membershipIds.headA}`));
    expect(world.harness.api.alerts()[0]).toContain("You cannot change your own membership here");
  });

  it("remembers which of several memberships a person acts as", async () => {
    const deputy = await world.database.prisma.membership.create({
      data: { personId: world.f.personIds.headA, role: "OFFICER", unitId: world.f.unitB.id },
    });
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.headA, "/switch"));
    const menu = world.harness.api.of("sendMessage")[0]?.payload;
    expect(buttonsOf(menu?.reply_markup).map((button) => button.text)).toEqual([
      "✅ Head of unit — Phường Thử Nghiệm A",
      "Civil servant — Phường Thử Nghiệm B",
    ]);
    await world.harness.send(callbackUpdate(world.f.users.headA, `act:${deputy.id}`));
    expect(world.harness.api.lastText()).toContain(
      "You now act as <b>Civil servant — Phường Thử Nghiệm B</b>",
    );
    expect(
      (await world.database.prisma.person.findUniqueOrThrow({ where: { id: world.f.personIds.headA } }))
        .activeMembershipId,
    ).toBe(deputy.id);
    world.harness.api.reset();
    await world.harness.send(callbackUpdate(world.f.users.officerA, `act:${deputy.id}`));
    expect(world.harness.api.alerts()[0]).toContain("not one of your memberships");

    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.headA, "/leave"));
    await world.harness.send(callbackUpdate(world.f.users.headA, `lva:${deputy.id}`));
    expect(world.harness.api.lastText()).toContain("Leave <b>Civil servant — Phường Thử Nghiệm B</b>?");
    await world.harness.send(callbackUpdate(world.f.users.headA, `lvy:${deputy.id}`));
    expect(world.harness.api.lastText()).toBe("You left Civil servant — Phường Thử Nghiệm B.");
    const personalMenu = world.harness.api.of("setMyCommands").at(-1)?.payload;
    expect(personalMenu).toMatchObject({ scope: { type: "chat", chat_id: world.f.users.headA.id } });
    expect(JSON.stringify(personalMenu?.commands)).toContain('"members"');
    const person = await world.database.prisma.person.findUniqueOrThrow({
      where: { id: world.f.personIds.headA },
    });
    expect(person.activeMembershipId).toBeNull();
    expect(
      await world.database.prisma.auditEvent.count({
        where: { action: "membership.left", actorId: world.f.personIds.headA },
      }),
    ).toBe(1);
  });

  it("tells people without memberships that these commands are for members", async () => {
    for (const command of ["/switch", "/leave", "/members"]) {
      world.harness.api.reset();
      await world.harness.send(textUpdate(world.f.users.stranger, command));
      expect(world.harness.api.lastText(), command).toMatch(
        /linked members only|You may not manage these members/,
      );
    }
  });
});
