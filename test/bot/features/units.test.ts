import { beforeEach, describe, expect, it } from "vitest";
import { useAccessWorld } from "../../support/access-fixture.js";
import { callbackUpdate, textUpdate } from "../../support/telegram.js";
import { databaseLabel } from "../../support/test-database.js";

describe(`/units and /settings on ${databaseLabel()}`, () => {
  const world = useAccessWorld();
  // Each test starts from the cast alone: units other tests added go, units A and B as seeded.
  beforeEach(async () => {
    world.harness.api.reset();
    const cast = [world.f.unitA.id, world.f.unitB.id];
    await world.database.prisma.unit.deleteMany({ where: { id: { notIn: cast } } });
    await world.database.prisma.unit.updateMany({
      where: { id: { in: cast } },
      data: { active: true, pushTarget: "BOTH", groupIsInternal: false },
    });
    await world.database.prisma.auditEvent.deleteMany();
  });

  it("adds a unit under a parent, with its kind guessed from the name, and shows the hierarchy", async () => {
    await world.harness.send(
      textUpdate(world.f.users.admin, `/units add P-C1 | Phường Cửa Nam | | ${world.f.unitA.code}`),
    );
    expect(world.harness.api.lastText()).toContain("✅ Unit added.");
    expect(world.harness.api.lastText()).toContain("Kind: Commune, ward");
    expect(world.harness.api.lastText()).toContain("Parent unit: Phường Thử Nghiệm A");
    const added = await world.database.prisma.unit.findUniqueOrThrow({ where: { code: "P-C1" } });
    expect(added).toMatchObject({
      kind: "COMMUNE",
      parentId: world.f.unitA.id,
      normalizedName: "phuong cua nam",
    });
    world.harness.api.reset();
    await world.harness.send(callbackUpdate(world.f.users.admin, `unit:${world.f.unitA.id}`));
    expect(world.harness.api.lastText()).toContain("Units under it (1): Phường Cửa Nam");
  });

  it("refuses a bad or duplicate unit and an unknown parent, changing nothing", async () => {
    const before = await world.database.prisma.unit.count();
    await world.harness.send(textUpdate(world.f.users.admin, "/units add"));
    expect(world.harness.api.lastText()).toContain(
      "Write it as <code>/units add CODE | Name | KIND | PARENT CODE</code>",
    );
    await world.harness.send(textUpdate(world.f.users.admin, "/units add X1 | Phường Mới | PLANET"));
    expect(world.harness.api.lastText()).toContain("Write it as");
    await world.harness.send(textUpdate(world.f.users.admin, "/units add X1 | Phường Mới | COMMUNE | NOPE"));
    expect(world.harness.api.lastText()).toBe("No unit has the code NOPE: nothing was added.");
    await world.harness.send(textUpdate(world.f.users.admin, "/units add X1 | phuong thu nghiem a"));
    expect(world.harness.api.lastText()).toBe("Another unit already has this code or name: nothing changed.");
    expect(await world.database.prisma.unit.count()).toBe(before);
  });

  it("renames, searches accent-free and deactivates with an audit trail", async () => {
    await world.harness.send(textUpdate(world.f.users.admin, "/units add P-C1 | Phường Cửa Nam"));
    await world.harness.send(textUpdate(world.f.users.admin, "/units rename P-C1 | Phường Cửa Nam (mới)"));
    expect(world.harness.api.lastText()).toContain("✅ Unit renamed.");
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.admin, "/units cua nam"));
    expect(JSON.stringify(world.harness.api.of("sendMessage")[0]?.payload.reply_markup)).toContain(
      "Phường Cửa Nam (mới) (P-C1)",
    );
    const unit = await world.database.prisma.unit.findUniqueOrThrow({ where: { code: "P-C1" } });
    await world.harness.send(callbackUpdate(world.f.users.admin, `unita:${unit.id}:0`));
    expect(world.harness.api.lastText()).toContain("Status: ⛔ deactivated");
    const events = await world.database.prisma.auditEvent.findMany({
      where: { entityType: "Unit", entityId: String(unit.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.before, event.after])).toEqual([
      ["unit.created", null, expect.objectContaining({ code: "P-C1" })],
      // Only what changed: the English name was empty before and stays so.
      ["unit.renamed", { nameVi: "Phường Cửa Nam" }, { nameVi: "Phường Cửa Nam (mới)" }],
      ["unit.deactivated", { active: true }, { active: false }],
    ]);
  });

  it("updates the command menus of a unit's people when it is deactivated, and again when reactivated", async () => {
    const unitB = world.f.unitB.id;
    const headB = world.f.users.headB.id;
    const callsForHeadB = (method: string) =>
      world.harness.api
        .of(method)
        .filter((call) => (call.payload.scope as { chat_id?: number } | undefined)?.chat_id === headB);
    try {
      world.harness.api.reset();
      await world.harness.send(callbackUpdate(world.f.users.admin, `unita:${unitB}:0`));
      // No membership left that grants anything: back to the default menu.
      expect(callsForHeadB("deleteMyCommands")).toHaveLength(1);
      // A second press changes nothing: no menu is touched again.
      world.harness.api.reset();
      await world.harness.send(callbackUpdate(world.f.users.admin, `unita:${unitB}:0`));
      expect([...callsForHeadB("deleteMyCommands"), ...callsForHeadB("setMyCommands")]).toEqual([]);
      world.harness.api.reset();
      await world.harness.send(callbackUpdate(world.f.users.admin, `unita:${unitB}:1`));
      const menu = callsForHeadB("setMyCommands")[0]?.payload.commands as Array<{ command: string }>;
      expect(menu.map((each) => each.command)).toContain("members");
    } finally {
      await world.database.prisma.unit.update({ where: { id: unitB }, data: { active: true } });
    }
  });

  it("pages through the unit list", async () => {
    for (let index = 0; index < 12; index += 1)
      await world.database.prisma.unit.create({
        data: {
          code: `PG${index}`,
          nameVi: `Xã Trang ${index}`,
          normalizedName: `xa trang ${index}`,
          kind: "COMMUNE",
        },
      });
    await world.harness.send(textUpdate(world.f.users.admin, "/units"));
    const first = world.harness.api.of("sendMessage")[0]?.payload;
    expect(first?.text).toContain("(page 1/2)");
    expect(JSON.stringify(first?.reply_markup)).toContain("unitp:1");
    await world.harness.send(callbackUpdate(world.f.users.admin, "unitp:1"));
    expect(world.harness.api.lastText()).toContain("(page 2/2)");
  });

  it("lets a head set where the unit's notices go, and shows the choice", async () => {
    await world.harness.send(textUpdate(world.f.users.headA, "/settings"));
    expect(world.harness.api.lastText()).toContain("Settings of Phường Thử Nghiệm A");
    expect(world.harness.api.lastText()).toContain("go to: <b>both</b>");
    await world.harness.send(callbackUpdate(world.f.users.headA, `upush:${world.f.unitA.id}:PRIVATE`));
    expect(world.harness.api.lastText()).toContain("go to: <b>each person privately</b>");
    expect(
      (await world.database.prisma.unit.findUniqueOrThrow({ where: { id: world.f.unitA.id } })).pushTarget,
    ).toBe("PRIVATE");
    // Pressing the chosen one again changes nothing, so nothing more is audited.
    await world.harness.send(callbackUpdate(world.f.users.headA, `upush:${world.f.unitA.id}:PRIVATE`));
    const configured = await world.database.prisma.auditEvent.findMany({
      where: { action: "unit.configured", unitId: world.f.unitA.id },
      select: { before: true, after: true },
    });
    expect(configured).toEqual([{ before: { pushTarget: "BOTH" }, after: { pushTarget: "PRIVATE" } }]);
    world.harness.api.reset();
    await world.harness.send(textUpdate(world.f.users.officerA, "/settings"));
    expect(world.harness.api.lastText()).toContain("Only the head of the unit");
  });
});
