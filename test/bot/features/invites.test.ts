import { createRequire } from "node:module";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { acceptInvite } from "../../../src/app/invites/accept-invite.js";
import { createInvite as createInviteFor } from "../../../src/app/invites/create-invite.js";
import { type AccessFixture, seedAccessFixture } from "../../support/access-fixture.js";
import { actorFromDatabase } from "../../support/actors.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, telegramUser, textUpdate, uploadedPng } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

const DAY = 86_400_000;
// jsqr is CommonJS whose typings declare an ES default export; require gives the function itself.
const jsQR = createRequire(import.meta.url)("jsqr") as typeof import("jsqr").default;

describe(`invites on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;
  let f: AccessFixture;
  let clock = Date.now();
  let nextUser = 720_000;
  const newUser = (language = "vi") => telegramUser(nextUser++, language, "Lan");

  beforeAll(async () => {
    database = await createTestDatabase();
    f = await seedAccessFixture(database.prisma);
    harness = createTestBot(database.prisma, { app: appContext(database.prisma, () => new Date(clock)) });
  });
  afterAll(() => database.drop());

  /** The admin creates an invite by tapping through /invite; returns its link. */
  async function createInvite(button: string, by = f.users.admin): Promise<string> {
    harness.api.reset();
    await harness.send(callbackUpdate(by, button));
    const card = harness.api.of("editMessageText")[0]?.payload.text;
    const link = String(card).match(/https:\/\/t\.me\/\S+/)?.[0];
    if (!link) throw new Error(`no invite link in ${String(card)} (alerts: ${harness.api.alerts()})`);
    return link;
  }
  const payloadOf = (link: string) => new URL(link).searchParams.get("start") as string;

  it("walks an admin from /invite to a link and a QR code that encodes it", async () => {
    await harness.send(textUpdate(f.users.admin, "/invite"));
    const cityMenu = harness.api.of("sendMessage").at(-1)?.payload;
    expect(JSON.stringify(cityMenu?.reply_markup)).toContain("invn:0:CENTER_ADMIN:1");
    expect(JSON.stringify(cityMenu?.reply_markup)).toContain("invn:0:PC_VIEWER:1");

    harness.api.reset();
    await harness.send(textUpdate(f.users.admin, "/invite thu nghiem a"));
    const unitMenu = harness.api.of("sendMessage")[0]?.payload;
    expect(unitMenu?.text).toContain("Phường Thử Nghiệm A");
    expect(JSON.stringify(unitMenu?.reply_markup)).toContain(`invn:${f.unitA.id}:UNIT_HEAD:1`);

    const link = await createInvite(`invn:${f.unitA.id}:UNIT_HEAD:1`);
    expect(link).toMatch(/^https:\/\/t\.me\/dondoc_test_bot\?start=inv_[A-Za-z0-9_-]{22}$/);
    const card = String(harness.api.of("editMessageText")[0]?.payload.text);
    expect(card).toContain("Head of unit — Phường Thử Nghiệm A");
    expect(card).toContain("Can be used by 1 person.");
    const photo = harness.api.of("sendPhoto")[0];
    const png = photo ? uploadedPng(photo) : null;
    expect(png).not.toBeNull();
    const image = PNG.sync.read(png as Buffer);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(link);
    const stored = await database.prisma.invite.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(stored.codeHash).not.toContain(payloadOf(link).slice(4));
    expect(stored.expiresAt.getTime() - clock).toBe(7 * DAY);
  });

  it("links a new user who opens the link and confirms, once; a replayed link changes nothing", async () => {
    const link = await createInvite(`invn:${f.unitA.id}:OFFICER:1`);
    const lan = newUser("vi");
    harness.api.reset();
    await harness.send(textUpdate(lan, `/start ${payloadOf(link)}`));
    const offer = harness.api.of("sendMessage")[0]?.payload;
    expect(offer?.text).toContain(
      "Bạn được mời tham gia <b>Phường Thử Nghiệm A</b> với vai trò <b>Cán bộ, công chức</b>",
    );
    const join = (offer?.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> })
      .inline_keyboard[0]?.[0]?.callback_data as string;
    expect(
      await database.prisma.membership.count({ where: { person: { telegramUserId: BigInt(lan.id) } } }),
    ).toBe(0);

    harness.api.reset();
    await harness.send(callbackUpdate(lan, join));
    expect(harness.api.lastText()).toContain(
      "Bạn đã là <b>Cán bộ, công chức</b> — <b>Phường Thử Nghiệm A</b>",
    );
    expect(harness.api.of("setMyCommands")[0]?.payload).toMatchObject({
      scope: { type: "chat", chat_id: lan.id },
    });
    const membership = await database.prisma.membership.findFirstOrThrow({
      where: { person: { telegramUserId: BigInt(lan.id) } },
    });
    expect(membership).toMatchObject({ role: "OFFICER", unitId: f.unitA.id, status: "ACTIVE" });
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "membership.linked", entityId: String(membership.id) },
      }),
    ).toBe(1);

    harness.api.reset();
    await harness.send(callbackUpdate(lan, join));
    expect(harness.api.lastText()).toContain(
      "Bạn đã là Cán bộ, công chức — Phường Thử Nghiệm A. Không có gì thay đổi.",
    );

    const minh = newUser("en");
    harness.api.reset();
    await harness.send(textUpdate(minh, `/start ${payloadOf(link)}`));
    expect(harness.api.lastText()).toBe(
      "This invite link has already been used. Ask whoever sent it for a new one.",
    );
    harness.api.reset();
    await harness.send(callbackUpdate(minh, join));
    expect(harness.api.lastText()).toContain("already been used");
    expect(
      await database.prisma.membership.count({ where: { person: { telegramUserId: BigInt(minh.id) } } }),
    ).toBe(0);

    harness.api.reset();
    await harness.send(textUpdate(lan, "/start"));
    expect(harness.api.lastText()).toContain("• Cán bộ, công chức — Phường Thử Nghiệm A");
  });

  it("lets a unit head invite a team of officers to their own unit", async () => {
    harness.api.reset();
    await harness.send(textUpdate(f.users.headA, "/invite"));
    const menu = JSON.stringify(harness.api.of("sendMessage")[0]?.payload.reply_markup);
    expect(menu).toContain(`invn:${f.unitA.id}:OFFICER:10`);
    expect(menu).not.toContain("UNIT_HEAD");
    const link = await createInvite(`invn:${f.unitA.id}:OFFICER:10`, f.users.headA);
    const team = [newUser(), newUser(), newUser()];
    for (const member of team) {
      await harness.send(textUpdate(member, `/start ${payloadOf(link)}`));
      await harness.send(callbackUpdate(member, `inva:${payloadOf(link).slice(4)}`));
    }
    const invite = await database.prisma.invite.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(invite).toMatchObject({ maxUses: 10, usedCount: 3, createdById: f.personIds.headA });
  });

  it("refuses expired and revoked links with their own message, and revokes from the invite card", async () => {
    const expiring = await createInvite(`invn:${f.unitB.id}:OFFICER:1`);
    const late = newUser("en");
    clock += 8 * DAY;
    try {
      harness.api.reset();
      await harness.send(textUpdate(late, `/start ${payloadOf(expiring)}`));
      expect(harness.api.lastText()).toBe("This invite link has expired. Ask whoever sent it for a new one.");
    } finally {
      clock -= 8 * DAY;
    }
    const revocable = await createInvite(`invn:${f.unitB.id}:OFFICER:1`);
    const revoke = JSON.stringify(harness.api.of("editMessageText")[0]?.payload.reply_markup).match(
      /invx:\d+/,
    )?.[0] as string;
    harness.api.reset();
    await harness.send(callbackUpdate(f.users.admin, revoke));
    expect(harness.api.lastText()).toContain("The link no longer works");
    await harness.send(textUpdate(late, `/start ${payloadOf(revocable)}`));
    expect(harness.api.lastText()).toBe("This invite link was revoked. Ask whoever sent it for a new one.");
    expect(
      await database.prisma.membership.count({ where: { person: { telegramUserId: BigInt(late.id) } } }),
    ).toBe(0);
  });

  it("rate-limits a user who keeps trying wrong codes, even when a good one follows", async () => {
    const good = await createInvite(`invn:${f.unitB.id}:OFFICER:1`);
    const guesser = newUser("en");
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await harness.send(textUpdate(guesser, `/start inv_${"A".repeat(21)}${attempt}`));
      expect(harness.api.lastText()).toContain("This invite link is not valid");
    }
    harness.api.reset();
    await harness.send(textUpdate(guesser, `/start ${payloadOf(good)}`));
    expect(harness.api.lastText()).toBe(
      "Too many invalid invite links. Please wait 15 minute(s) and try again, or ask for a new link.",
    );
    harness.api.reset();
    await harness.send(callbackUpdate(guesser, `inva:${payloadOf(good).slice(4)}`));
    expect(harness.api.alerts()[0]).toContain("Too many invalid invite links");
    expect(
      await database.prisma.membership.count({ where: { person: { telegramUserId: BigInt(guesser.id) } } }),
    ).toBe(0);
    clock += 16 * 60_000;
    try {
      await harness.send(textUpdate(guesser, `/start ${payloadOf(good)}`));
      expect(harness.api.lastText()).toContain("You are invited to join");
    } finally {
      clock -= 16 * 60_000;
    }
  });

  it("refuses one's own invite, and kills a head's links when the head loses the unit", async () => {
    const link = await createInvite(`invn:${f.unitB.id}:OFFICER:10`, f.users.headB);
    harness.api.reset();
    await harness.send(textUpdate(f.users.headB, `/start ${payloadOf(link)}`));
    expect(harness.api.lastText()).toBe(
      "This is an invite you created yourself: send it to the person it is for.",
    );
    await harness.send(callbackUpdate(f.users.headB, `inva:${payloadOf(link).slice(4)}`));
    expect(harness.api.lastText()).toContain("an invite you created yourself");

    await database.prisma.membership.update({
      where: { id: f.membershipIds.headB as number },
      data: { status: "REMOVED", removedAt: new Date() },
    });
    try {
      const latecomer = newUser("en");
      harness.api.reset();
      await harness.send(textUpdate(latecomer, `/start ${payloadOf(link)}`));
      expect(harness.api.lastText()).toContain("can no longer invite people to this unit");
      await harness.send(callbackUpdate(latecomer, `inva:${payloadOf(link).slice(4)}`));
      expect(harness.api.lastText()).toContain("can no longer invite people to this unit");
      expect(
        await database.prisma.membership.count({
          where: { person: { telegramUserId: BigInt(latecomer.id) } },
        }),
      ).toBe(0);
    } finally {
      await database.prisma.membership.update({
        where: { id: f.membershipIds.headB as number },
        data: { status: "ACTIVE", removedAt: null },
      });
    }
  });

  it("lists the open invites one may revoke, and revokes from the list", async () => {
    const link = await createInvite(`invn:${f.unitA.id}:OFFICER:1`, f.users.headA);
    harness.api.reset();
    await harness.send(textUpdate(f.users.headA, "/invites"));
    const list = harness.api.of("sendMessage")[0]?.payload;
    expect(list?.text).toContain("Open invites");
    expect(list?.text).toContain("Civil servant — Phường Thử Nghiệm A: used 0 of 1");
    expect(list?.text).not.toContain("Phường Thử Nghiệm B");
    const stored = await database.prisma.invite.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(JSON.stringify(list?.reply_markup)).toContain(`invx:${stored.id}`);
    await harness.send(callbackUpdate(f.users.headA, `invx:${stored.id}`));
    const again = newUser("en");
    await harness.send(textUpdate(again, `/start ${payloadOf(link)}`));
    expect(harness.api.lastText()).toContain("was revoked");
    harness.api.reset();
    await harness.send(textUpdate(f.users.officerA, "/invites"));
    expect(harness.api.lastText()).toContain("You may not create or change this invite");
  });

  it("makes an officer who accepts a head's invite the head, not both", async () => {
    const link = await createInvite(`invn:${f.unitA.id}:UNIT_HEAD:1`);
    const officer = f.membershipIds.officerA as number;
    await harness.send(textUpdate(f.users.officerA, `/start ${payloadOf(link)}`));
    await harness.send(callbackUpdate(f.users.officerA, `inva:${payloadOf(link).slice(4)}`));
    const memberships = await database.prisma.membership.findMany({
      where: { personId: f.personIds.officerA, unitId: f.unitA.id },
      orderBy: { id: "asc" },
    });
    expect(memberships.map((m) => [m.role, m.status])).toEqual([
      ["OFFICER", "REMOVED"],
      ["UNIT_HEAD", "ACTIVE"],
    ]);
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "membership.replaced", entityId: String(officer) },
      }),
    ).toBe(1);
    await database.prisma.membership.update({
      where: { id: officer },
      data: { status: "ACTIVE", removedAt: null },
    });
    await database.prisma.membership.updateMany({
      where: { personId: f.personIds.officerA, role: "UNIT_HEAD" },
      data: { status: "REMOVED" },
    });
  });

  it("refuses /invite to people who may not invite, and explains", async () => {
    for (const who of [f.users.officerA, f.users.viewer, f.users.stranger, f.users.removedHeadA]) {
      harness.api.reset();
      await harness.send(textUpdate(who, "/invite"));
      expect(harness.api.lastText()).toContain("You may not create or change this invite");
    }
  });

  it("gives the last use of an invite to exactly one of two people racing for it", async () => {
    const app = appContext(database.prisma);
    const created = await createInviteFor(app, {
      actor: await actorFromDatabase(database.prisma, f.personIds.admin),
      role: "OFFICER",
      unitId: f.unitA.id,
      requestedUses: 1,
      ttlDays: 1,
    });
    if (created.kind !== "done") throw new Error("the admin may invite officers to unit A");
    const people = await Promise.all(
      [newUser(), newUser()].map((user) =>
        database.prisma.person.create({ data: { telegramUserId: BigInt(user.id) } }),
      ),
    );
    const outcomes = await Promise.all(
      people.map((person) =>
        acceptInvite(app, {
          telegramUserId: Number(person.telegramUserId),
          personId: person.id,
          code: created.code,
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["linked", "refused"]);
  });
});
