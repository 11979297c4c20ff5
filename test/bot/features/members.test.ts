import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../support/access-fixture.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
const buttonsOf = (markup: unknown) => (markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];

describe(`members, /switch and /leave on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;
  let f: AccessFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    f = await seedAccessFixture(database.prisma);
    harness = createTestBot(database.prisma);
  });
  afterAll(() => database.drop());

  it("shows a unit head their unit's members, with buttons only for the officers they manage", async () => {
    harness.api.reset();
    await harness.send(textUpdate(f.users.headA, "/members"));
    const list = harness.api.of("sendMessage")[0]?.payload;
    expect(list?.text).toContain("Members of Phường Thử Nghiệm A</b> (3 people)");
    expect(list?.text).toContain("• headA — Head of unit, since");
    expect(list?.text).not.toContain("removedHeadA");
    expect(buttonsOf(list?.reply_markup).map((button) => button.text)).toEqual([
      "👤 officerA",
      "👤 colleagueA",
    ]);
  });

  it("lets an admin open any unit's members, change a role and remove someone after confirming", async () => {
    harness.api.reset();
    await harness.send(textUpdate(f.users.admin, `/members ${f.unitB.code}`));
    expect(harness.api.lastText()).toContain("Members of Phường Thử Nghiệm B");
    const officerB = f.membershipIds.officerB as number;
    harness.api.reset();
    await harness.send(callbackUpdate(f.users.admin, `mbr:${officerB}`));
    const card = harness.api.of("editMessageText")[0]?.payload;
    expect(card?.text).toContain("Role: Civil servant");
    expect(buttonsOf(card?.reply_markup).map((button) => button.callback_data)).toEqual([
      `mbs:${officerB}:UNIT_HEAD`,
      `mbd:${officerB}`,
      `mbl:${f.unitB.id}:0`,
    ]);
    await harness.send(callbackUpdate(f.users.admin, `mbs:${officerB}:UNIT_HEAD`));
    expect(harness.api.lastText()).toContain("Role: Head of unit");
    await harness.send(callbackUpdate(f.users.admin, `mbd:${officerB}`));
    expect(harness.api.lastText()).toContain("Remove <b>officerB</b> (Head of unit)?");
    expect(await database.prisma.membership.findUniqueOrThrow({ where: { id: officerB } })).toMatchObject({
      status: "ACTIVE",
    });
    await harness.send(callbackUpdate(f.users.admin, `mby:${officerB}`));
    expect(await database.prisma.membership.findUniqueOrThrow({ where: { id: officerB } })).toMatchObject({
      status: "REMOVED",
    });
    // Their personal menu goes back to the public one.
    expect(harness.api.of("deleteMyCommands").at(-1)?.payload).toMatchObject({
      scope: { type: "chat", chat_id: f.users.officerB.id },
    });
    const events = await database.prisma.auditEvent.findMany({
      where: { entityType: "Membership", entityId: String(officerB) },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId, event.before, event.after])).toEqual([
      ["membership.roleChanged", f.personIds.admin, { role: "OFFICER" }, { role: "UNIT_HEAD" }],
      [
        "membership.removed",
        f.personIds.admin,
        { status: "ACTIVE", role: "UNIT_HEAD" },
        { status: "REMOVED" },
      ],
    ]);

    harness.api.reset();
    await harness.send(textUpdate(f.users.officerB, `/history ${f.dossierB.code}`));
    expect(harness.api.lastText()).toContain("No dossier");
  });

  it("keeps a head from changing their own membership there", async () => {
    harness.api.reset();
    await harness.send(callbackUpdate(f.users.headA, `mby:${f.membershipIds.headA}`));
    expect(harness.api.alerts()[0]).toContain("You cannot change your own membership here");
  });

  it("remembers which of several memberships a person acts as", async () => {
    const deputy = await database.prisma.membership.create({
      data: { personId: f.personIds.headA, role: "OFFICER", unitId: f.unitB.id },
    });
    harness.api.reset();
    await harness.send(textUpdate(f.users.headA, "/switch"));
    const menu = harness.api.of("sendMessage")[0]?.payload;
    expect(buttonsOf(menu?.reply_markup).map((button) => button.text)).toEqual([
      "✅ Head of unit — Phường Thử Nghiệm A",
      "Civil servant — Phường Thử Nghiệm B",
    ]);
    await harness.send(callbackUpdate(f.users.headA, `act:${deputy.id}`));
    expect(harness.api.lastText()).toContain("You now act as <b>Civil servant — Phường Thử Nghiệm B</b>");
    expect(
      (await database.prisma.person.findUniqueOrThrow({ where: { id: f.personIds.headA } }))
        .activeMembershipId,
    ).toBe(deputy.id);
    harness.api.reset();
    await harness.send(callbackUpdate(f.users.officerA, `act:${deputy.id}`));
    expect(harness.api.alerts()[0]).toContain("not one of your memberships");

    harness.api.reset();
    await harness.send(textUpdate(f.users.headA, "/leave"));
    await harness.send(callbackUpdate(f.users.headA, `lva:${deputy.id}`));
    expect(harness.api.lastText()).toContain("Leave <b>Civil servant — Phường Thử Nghiệm B</b>?");
    await harness.send(callbackUpdate(f.users.headA, `lvy:${deputy.id}`));
    expect(harness.api.lastText()).toBe("You left Civil servant — Phường Thử Nghiệm B.");
    const personalMenu = harness.api.of("setMyCommands").at(-1)?.payload;
    expect(personalMenu).toMatchObject({ scope: { type: "chat", chat_id: f.users.headA.id } });
    expect(JSON.stringify(personalMenu?.commands)).toContain('"members"');
    const person = await database.prisma.person.findUniqueOrThrow({ where: { id: f.personIds.headA } });
    expect(person.activeMembershipId).toBeNull();
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "membership.left", actorId: f.personIds.headA },
      }),
    ).toBe(1);
  });

  it("tells people without memberships that these commands are for members", async () => {
    for (const command of ["/switch", "/leave", "/members"]) {
      harness.api.reset();
      await harness.send(textUpdate(f.users.stranger, command));
      expect(harness.api.lastText(), command).toMatch(/linked members only|You may not manage these members/);
    }
  });
});
