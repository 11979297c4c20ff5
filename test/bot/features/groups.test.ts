import { beforeEach, describe, expect, it } from "vitest";
import { useAccessWorld } from "../../support/access-fixture.js";
import {
  callbackUpdate,
  myChatMemberUpdate,
  supergroupUpgradeUpdates,
  textUpdate,
} from "../../support/telegram.js";
import { databaseLabel } from "../../support/test-database.js";

let lastGroupId = -100_200;
/** A group chat no other test has used: each test binds (or not) the groups it needs. */
const newGroup = (title = "Cán bộ phường A") => ({ id: --lastGroupId, title });

describe(`group chats on ${databaseLabel()}`, () => {
  const world = useAccessWorld();
  // What tests change of the cast goes back: nobody a group admin, both units active and masked.
  beforeEach(async () => {
    world.harness.api.reset();
    world.harness.api.chatMemberStatus.clear();
    await world.database.prisma.unit.updateMany({
      where: { id: { in: [world.f.unitA.id, world.f.unitB.id] } },
      data: { active: true, groupIsInternal: false },
    });
  });

  const bindingOf = (chatId: number) =>
    world.database.prisma.chatBinding.findUnique({ where: { chatId: BigInt(chatId) } });

  /** The group bound to unit A by its head, as /bind does it. */
  const groupOfUnitA = async () => {
    const group = newGroup();
    world.harness.api.chatMemberStatus.set(world.f.users.headA.id, "administrator");
    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    expect(await bindingOf(group.id)).toMatchObject({ unitId: world.f.unitA.id, active: true });
    world.harness.api.reset();
    return group;
  };

  it("refuses /bind from a head who is not an admin of the group", async () => {
    const group = newGroup();
    const binding = () => bindingOf(group.id);
    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    expect(world.harness.api.lastText()).toBe("Only an administrator of this group may bind it to a unit.");
    expect(world.harness.api.of("getChatMember")[0]?.payload).toMatchObject({
      chat_id: group.id,
      user_id: world.f.users.headA.id,
    });
    expect(await binding()).toBeNull();
  });

  it("refuses /bind from a group admin who does not head a unit", async () => {
    const group = newGroup();
    const binding = () => bindingOf(group.id);
    for (const who of [
      world.f.users.officerA,
      world.f.users.viewer,
      world.f.users.stranger,
      world.f.users.removedHeadA,
    ]) {
      world.harness.api.chatMemberStatus.set(who.id, "administrator");
      world.harness.api.reset();
      await world.harness.send(textUpdate(who, "/bind", group));
      expect(world.harness.api.lastText()).toBe(
        "Only the head of a unit (or a Center admin) may bind a group to it.",
      );
    }
    expect(await binding()).toBeNull();
  });

  it("binds the group to the unit its head (and group admin) heads, once", async () => {
    const group = newGroup();
    const binding = () => bindingOf(group.id);
    world.harness.api.chatMemberStatus.set(world.f.users.headA.id, "creator");
    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    expect(world.harness.api.lastText()).toContain("This group now belongs to <b>Phường Thử Nghiệm A</b>");
    expect(await binding()).toMatchObject({ unitId: world.f.unitA.id, active: true, title: group.title });
    world.harness.api.chatMemberStatus.set(world.f.users.headB.id, "administrator");
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.headB, "/bind", group));
    expect(world.harness.api.lastText()).toContain(
      "This group already belongs to <b>Phường Thử Nghiệm A</b>",
    );
    expect(await binding()).toMatchObject({ unitId: world.f.unitA.id });
  });

  it("masks applicants' names in the group unless the unit marks it internal, and shows only the unit's dossiers", async () => {
    const group = await groupOfUnitA();
    await world.harness.send(textUpdate(world.f.users.officerA, `/history ${world.f.dossierA.code}`, group));
    expect(world.harness.api.lastText()).toContain("Applicant: N*** V** A*");
    await world.harness.send(textUpdate(world.f.users.officerA, `/history ${world.f.dossierA.code}`));
    expect(world.harness.api.lastText()).toContain("Applicant: Nguyễn Văn An");
    await world.harness.send(callbackUpdate(world.f.users.headA, `uint:${world.f.unitA.id}:1`));
    await world.harness.send(textUpdate(world.f.users.officerA, `/history ${world.f.dossierA.code}`, group));
    expect(world.harness.api.lastText()).toContain("Applicant: Nguyễn Văn An");
    // The Center sees every unit, but applicants' names only the unit's own people.
    await world.harness.send(textUpdate(world.f.users.admin, `/history ${world.f.dossierA.code}`));
    expect(world.harness.api.lastText()).toContain("Applicant: N*** V** A*");
    // A head of unit B asking in unit A's group about a unit B dossier: the group may not see it.
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.headB, `/history ${world.f.dossierB.code}`, group));
    expect(world.harness.api.lastText()).toBe(`No dossier ${world.f.dossierB.code} that you may see here.`);
  });

  it("checks every button press in the group against the presser's own membership", async () => {
    const group = newGroup();
    await world.database.prisma.unit.update({
      where: { id: world.f.unitA.id },
      data: { groupIsInternal: true },
    });
    await world.harness.send(
      callbackUpdate(world.f.users.officerA, `bnd:${world.f.unitB.id}`, undefined, group),
    );
    expect(world.harness.api.alerts()[0]).toContain("Only the head of a unit");
    // Management buttons work only in private chats: forged onto a group message they do nothing.
    world.harness.api.reset();
    await world.harness.send(
      callbackUpdate(world.f.users.headA, `uint:${world.f.unitA.id}:0`, undefined, group),
    );
    expect(world.harness.api.alerts()).toHaveLength(1);
    expect(world.harness.api.of("editMessageText")).toEqual([]);
    expect(
      (await world.database.prisma.unit.findUniqueOrThrow({ where: { id: world.f.unitA.id } }))
        .groupIsInternal,
    ).toBe(true);
  });

  it("unbinds on /unbind by the head, and when the bot is removed from the group", async () => {
    const group = await groupOfUnitA();
    const binding = () => bindingOf(group.id);
    await world.harness.send(textUpdate(world.f.users.officerA, "/unbind", group));
    expect(world.harness.api.lastText()).toContain("Only the head of a unit");
    await world.harness.send(textUpdate(world.f.users.headA, "/unbind", group));
    expect(world.harness.api.lastText()).toContain("no longer belongs to <b>Phường Thử Nghiệm A</b>");
    expect(await binding()).toMatchObject({ active: false });

    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    expect(await binding()).toMatchObject({ active: true });
    await world.harness.send(myChatMemberUpdate(world.f.users.headA, group, "kicked"));
    expect(await binding()).toMatchObject({ active: false });
    const actions = await world.database.prisma.auditEvent.findMany({
      where: { entityType: "ChatBinding", entityId: String(group.id) },
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

  it("keeps a group's binding when Telegram upgrades it to a supergroup, silently", async () => {
    const group = newGroup("Nhóm thường");
    const supergroupId = group.id - 1_000_000_000_000;
    world.harness.api.chatMemberStatus.set(world.f.users.headA.id, "administrator");
    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    world.harness.api.reset();

    const [inOldGroup, inSupergroup] = supergroupUpgradeUpdates(world.f.users.headA, group, supergroupId);
    await world.harness.send(inOldGroup);
    await world.harness.send(inSupergroup);
    expect(world.harness.api.calls).toEqual([]);
    expect(await bindingOf(group.id)).toBeNull();
    expect(await bindingOf(supergroupId)).toMatchObject({ unitId: world.f.unitA.id, active: true });
    const moves = await world.database.prisma.auditEvent.findMany({
      where: { action: "group.moved", entityId: String(supergroupId) },
      select: { actorLabel: true, entityId: true, before: true },
    });
    expect(moves).toEqual([
      { actorLabel: "telegram:group-upgraded", entityId: String(supergroupId), before: { chatId: group.id } },
    ]);

    // The unit's dossiers show in the supergroup now, and no longer under the old id.
    const historyIn = async (chatId: number) => {
      await world.harness.send(
        textUpdate(world.f.users.officerA, `/history ${world.f.dossierA.code}`, {
          id: chatId,
          title: group.title,
        }),
      );
      return world.harness.api.lastText();
    };
    expect(await historyIn(supergroupId)).toContain("Unit: Phường Thử Nghiệm A");
    expect(await historyIn(group.id)).toBe(`No dossier ${world.f.dossierA.code} that you may see here.`);
  });

  /** Unit A's group and unit B's supergroup of the same chat, each bound by its unit's head. */
  const bindGroupAndSupergroup = async () => {
    const group = newGroup("Nhóm A");
    const supergroup = { id: group.id - 1_000_000_000_000, title: "Nhóm A" };
    world.harness.api.chatMemberStatus.set(world.f.users.headA.id, "administrator");
    world.harness.api.chatMemberStatus.set(world.f.users.headB.id, "administrator");
    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    await world.harness.send(textUpdate(world.f.users.headB, "/bind", supergroup));
    const oldGroupNotice = () =>
      world.harness.send(supergroupUpgradeUpdates(world.f.users.headA, group, supergroup.id)[0]);
    const rows = () =>
      world.database.prisma.chatBinding.findMany({
        where: { chatId: { in: [BigInt(group.id), BigInt(supergroup.id)] } },
        orderBy: { chatId: "asc" },
        select: { chatId: true, unitId: true, active: true },
      });
    return { group, supergroup, oldGroupNotice, rows };
  };

  it("keeps the supergroup's own binding if it was bound again before the old group's notice came", async () => {
    const { group, supergroup, oldGroupNotice, rows } = await bindGroupAndSupergroup();
    await oldGroupNotice();
    expect(await rows()).toEqual([
      { chatId: BigInt(supergroup.id), unitId: world.f.unitB.id, active: true },
      { chatId: BigInt(group.id), unitId: world.f.unitA.id, active: false },
    ]);
  });

  it("moves the group's binding over a supergroup binding whose unit was deactivated", async () => {
    const { supergroup, oldGroupNotice, rows } = await bindGroupAndSupergroup();
    await world.database.prisma.unit.update({ where: { id: world.f.unitB.id }, data: { active: false } });
    try {
      await oldGroupNotice();
      expect(await rows()).toEqual([
        { chatId: BigInt(supergroup.id), unitId: world.f.unitA.id, active: true },
      ]);
    } finally {
      await world.database.prisma.unit.update({ where: { id: world.f.unitB.id }, data: { active: true } });
    }
  });

  it("frees a group bound to a unit that was deactivated", async () => {
    const group = newGroup("Nhóm cũ");
    world.harness.api.chatMemberStatus.set(world.f.users.headA.id, "administrator");
    world.harness.api.chatMemberStatus.set(world.f.users.headB.id, "administrator");
    await world.harness.send(textUpdate(world.f.users.headA, "/bind", group));
    await world.database.prisma.unit.update({ where: { id: world.f.unitA.id }, data: { active: false } });
    try {
      await world.harness.send(textUpdate(world.f.users.headB, "/bind", group));
      expect(world.harness.api.lastText()).toContain("This group now belongs to <b>Phường Thử Nghiệm B</b>");
    } finally {
      await world.database.prisma.unit.update({ where: { id: world.f.unitA.id }, data: { active: true } });
    }
  });

  it("lets an admin bind a group by naming the unit", async () => {
    const other = newGroup("Nhóm B");
    world.harness.api.chatMemberStatus.set(world.f.users.admin.id, "administrator");
    await world.harness.send(textUpdate(world.f.users.admin, "/bind", other));
    expect(world.harness.api.lastText()).toContain(
      "Send <code>/bind</code> followed by the unit's code or name",
    );
    await world.harness.send(textUpdate(world.f.users.admin, `/bind ${world.f.unitB.code}`, other));
    expect(world.harness.api.lastText()).toContain("This group now belongs to <b>Phường Thử Nghiệm B</b>");
  });
});
