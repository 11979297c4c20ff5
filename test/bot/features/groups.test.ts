import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../support/access-fixture.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, myChatMemberUpdate, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

const GROUP = { id: -100_200, title: "Cán bộ phường A" };

describe(`group chats on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;
  let f: AccessFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    f = await seedAccessFixture(database.prisma);
    harness = createTestBot(database.prisma);
  });
  beforeEach(() => harness.api.reset());
  afterAll(() => database.drop());

  const binding = () => database.prisma.chatBinding.findUnique({ where: { chatId: BigInt(GROUP.id) } });

  it("refuses /bind from a head who is not an admin of the group", async () => {
    await harness.send(textUpdate(f.users.headA, "/bind", GROUP));
    expect(harness.api.lastText()).toBe("Only an administrator of this group may bind it to a unit.");
    expect(harness.api.of("getChatMember")[0]?.payload).toMatchObject({
      chat_id: GROUP.id,
      user_id: f.users.headA.id,
    });
    expect(await binding()).toBeNull();
  });

  it("refuses /bind from a group admin who does not head a unit", async () => {
    for (const who of [f.users.officerA, f.users.viewer, f.users.stranger, f.users.removedHeadA]) {
      harness.api.chatMemberStatus.set(who.id, "administrator");
      harness.api.reset();
      await harness.send(textUpdate(who, "/bind", GROUP));
      expect(harness.api.lastText()).toBe(
        "Only the head of a unit (or a Center admin) may bind a group to it.",
      );
    }
    expect(await binding()).toBeNull();
  });

  it("binds the group to the unit its head (and group admin) heads, once", async () => {
    harness.api.chatMemberStatus.set(f.users.headA.id, "creator");
    await harness.send(textUpdate(f.users.headA, "/bind", GROUP));
    expect(harness.api.lastText()).toContain("This group now belongs to <b>Phường Thử Nghiệm A</b>");
    expect(await binding()).toMatchObject({ unitId: f.unitA.id, active: true, title: GROUP.title });
    harness.api.chatMemberStatus.set(f.users.headB.id, "administrator");
    harness.api.reset();
    await harness.send(textUpdate(f.users.headB, "/bind", GROUP));
    expect(harness.api.lastText()).toContain("This group already belongs to <b>Phường Thử Nghiệm A</b>");
    expect(await binding()).toMatchObject({ unitId: f.unitA.id });
  });

  it("masks applicants' names in the group unless the unit marks it internal, and shows only the unit's dossiers", async () => {
    await harness.send(textUpdate(f.users.officerA, `/history ${f.dossierA.code}`, GROUP));
    expect(harness.api.lastText()).toContain("Applicant: N*** V** A*");
    await harness.send(textUpdate(f.users.officerA, `/history ${f.dossierA.code}`));
    expect(harness.api.lastText()).toContain("Applicant: Nguyễn Văn An");
    await harness.send(callbackUpdate(f.users.headA, `uint:${f.unitA.id}:1`));
    await harness.send(textUpdate(f.users.officerA, `/history ${f.dossierA.code}`, GROUP));
    expect(harness.api.lastText()).toContain("Applicant: Nguyễn Văn An");
    // The Center sees every unit, but applicants' names only the unit's own people.
    await harness.send(textUpdate(f.users.admin, `/history ${f.dossierA.code}`));
    expect(harness.api.lastText()).toContain("Applicant: N*** V** A*");
    // A head of unit B asking in unit A's group about a unit B dossier: the group may not see it.
    harness.api.reset();
    await harness.send(textUpdate(f.users.headB, `/history ${f.dossierB.code}`, GROUP));
    expect(harness.api.lastText()).toBe(`No dossier ${f.dossierB.code} that you may see here.`);
  });

  it("checks every button press in the group against the presser's own membership", async () => {
    await harness.send(callbackUpdate(f.users.officerA, `uint:${f.unitA.id}:0`, undefined, GROUP));
    expect(harness.api.alerts()[0]).toContain("Only the head of the unit");
    expect(
      (await database.prisma.unit.findUniqueOrThrow({ where: { id: f.unitA.id } })).groupIsInternal,
    ).toBe(true);
  });

  it("unbinds on /unbind by the head, and when the bot is removed from the group", async () => {
    await harness.send(textUpdate(f.users.officerA, "/unbind", GROUP));
    expect(harness.api.lastText()).toContain("Only the head of a unit");
    await harness.send(textUpdate(f.users.headA, "/unbind", GROUP));
    expect(harness.api.lastText()).toContain("no longer belongs to <b>Phường Thử Nghiệm A</b>");
    expect(await binding()).toMatchObject({ active: false });

    await harness.send(textUpdate(f.users.headA, "/bind", GROUP));
    expect(await binding()).toMatchObject({ active: true });
    await harness.send(myChatMemberUpdate(f.users.headA, GROUP, "kicked"));
    expect(await binding()).toMatchObject({ active: false });
    const actions = await database.prisma.auditEvent.findMany({
      where: { entityType: "ChatBinding" },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions.map((event) => `${event.action}:${event.actorLabel ?? "person"}`)).toEqual([
      "group.bound:person",
      "group.unbound:person",
      "group.bound:person",
      "group.unbound:telegram:bot-removed",
    ]);
  });

  it("lets an admin bind a group by naming the unit", async () => {
    const other = { id: -100_201, title: "Nhóm B" };
    harness.api.chatMemberStatus.set(f.users.admin.id, "administrator");
    await harness.send(textUpdate(f.users.admin, "/bind", other));
    expect(harness.api.lastText()).toContain("Send <code>/bind</code> followed by the unit's code or name");
    await harness.send(textUpdate(f.users.admin, `/bind ${f.unitB.code}`, other));
    expect(harness.api.lastText()).toContain("This group now belongs to <b>Phường Thử Nghiệm B</b>");
  });
});
