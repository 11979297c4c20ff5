import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../support/access-fixture.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

describe(`/units and /settings on ${databaseLabel()}`, () => {
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

  it("adds a unit under a parent, with its kind guessed from the name, and shows the hierarchy", async () => {
    await harness.send(textUpdate(f.users.admin, `/units add P-C1 | Phường Cửa Nam | | ${f.unitA.code}`));
    expect(harness.api.lastText()).toContain("✅ Unit added.");
    expect(harness.api.lastText()).toContain("Kind: Commune, ward");
    expect(harness.api.lastText()).toContain("Parent unit: Phường Thử Nghiệm A");
    const added = await database.prisma.unit.findUniqueOrThrow({ where: { code: "P-C1" } });
    expect(added).toMatchObject({ kind: "COMMUNE", parentId: f.unitA.id, normalizedName: "phuong cua nam" });
    harness.api.reset();
    await harness.send(callbackUpdate(f.users.admin, `unit:${f.unitA.id}`));
    expect(harness.api.lastText()).toContain("Units under it (1): Phường Cửa Nam");
  });

  it("refuses a bad or duplicate unit and an unknown parent, changing nothing", async () => {
    const before = await database.prisma.unit.count();
    await harness.send(textUpdate(f.users.admin, "/units add"));
    expect(harness.api.lastText()).toContain(
      "Write it as <code>/units add CODE | Name | KIND | PARENT CODE</code>",
    );
    await harness.send(textUpdate(f.users.admin, "/units add X1 | Phường Mới | PLANET"));
    expect(harness.api.lastText()).toContain("Write it as");
    await harness.send(textUpdate(f.users.admin, "/units add X1 | Phường Mới | COMMUNE | NOPE"));
    expect(harness.api.lastText()).toBe("No unit has the code NOPE: nothing was added.");
    await harness.send(textUpdate(f.users.admin, "/units add X1 | phuong thu nghiem a"));
    expect(harness.api.lastText()).toBe("Another unit already has this code or name: nothing changed.");
    expect(await database.prisma.unit.count()).toBe(before);
  });

  it("renames, searches accent-free and deactivates with an audit trail", async () => {
    await harness.send(textUpdate(f.users.admin, "/units rename P-C1 | Phường Cửa Nam (mới)"));
    expect(harness.api.lastText()).toContain("✅ Unit renamed.");
    harness.api.reset();
    await harness.send(textUpdate(f.users.admin, "/units cua nam"));
    expect(JSON.stringify(harness.api.of("sendMessage")[0]?.payload.reply_markup)).toContain(
      "Phường Cửa Nam (mới) (P-C1)",
    );
    const unit = await database.prisma.unit.findUniqueOrThrow({ where: { code: "P-C1" } });
    await harness.send(callbackUpdate(f.users.admin, `unita:${unit.id}:0`));
    expect(harness.api.lastText()).toContain("Status: ⛔ deactivated");
    const events = await database.prisma.auditEvent.findMany({
      where: { entityType: "Unit", entityId: String(unit.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.before, event.after])).toEqual([
      ["unit.created", null, expect.objectContaining({ code: "P-C1" })],
      ["unit.renamed", { nameVi: "Phường Cửa Nam" }, { nameVi: "Phường Cửa Nam (mới)" }],
      ["unit.deactivated", { active: true }, { active: false }],
    ]);
  });

  it("pages through the unit list", async () => {
    for (let index = 0; index < 12; index += 1)
      await database.prisma.unit.create({
        data: {
          code: `PG${index}`,
          nameVi: `Xã Trang ${index}`,
          normalizedName: `xa trang ${index}`,
          kind: "COMMUNE",
        },
      });
    await harness.send(textUpdate(f.users.admin, "/units"));
    const first = harness.api.of("sendMessage")[0]?.payload;
    expect(first?.text).toContain("(page 1/2)");
    expect(JSON.stringify(first?.reply_markup)).toContain("unitp:1");
    await harness.send(callbackUpdate(f.users.admin, "unitp:1"));
    expect(harness.api.lastText()).toContain("(page 2/2)");
  });

  it("lets a head set where the unit's notices go, and shows the choice", async () => {
    await harness.send(textUpdate(f.users.headA, "/settings"));
    expect(harness.api.lastText()).toContain("Settings of Phường Thử Nghiệm A");
    expect(harness.api.lastText()).toContain("go to: <b>both</b>");
    await harness.send(callbackUpdate(f.users.headA, `upush:${f.unitA.id}:PRIVATE`));
    expect(harness.api.lastText()).toContain("go to: <b>each person privately</b>");
    expect((await database.prisma.unit.findUniqueOrThrow({ where: { id: f.unitA.id } })).pushTarget).toBe(
      "PRIVATE",
    );
    harness.api.reset();
    await harness.send(textUpdate(f.users.officerA, "/settings"));
    expect(harness.api.lastText()).toContain("Only the head of the unit");
  });
});
