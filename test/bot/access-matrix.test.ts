// Every bot action that reads or changes unit data, pressed or typed by every kind of person:
// own unit, another unit, no membership, a removed member. Allowed means the change happened
// (its audit event was written) or the data was shown; denied means a translated refusal and
// no change. Callback data is forged freely: it names unit A's resources whoever presses.
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { createInvite } from "../../src/app/invites/create-invite.js";
import { type AccessFixture, CAST, type CastMember, seedAccessFixture } from "../support/access-fixture.js";
import { actorFromDatabase } from "../support/actors.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { callbackUpdate, textUpdate } from "../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/test-database.js";

const GROUP = { id: -100_777, title: "Nhóm phường A" };

interface Scenario {
  name: string;
  allowed: readonly CastMember[];
  send(user: User): ReturnType<typeof textUpdate>;
  /** The audit action a permitted change writes; or, for reads, how to tell it was shown. */
  audit?: string;
  shown?: (harness: TestBot) => boolean;
  restore?: () => Promise<void>;
}

describe(`access matrix on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;
  let f: AccessFixture;
  let officerInviteId: number;
  const scenarios: Scenario[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    f = await seedAccessFixture(database.prisma);
    harness = createTestBot(database.prisma);
    for (const user of Object.values(f.users)) harness.api.chatMemberStatus.set(user.id, "administrator");
    const invite = await createInvite(appContext(database.prisma), {
      actor: await actorFromDatabase(database.prisma, f.personIds.admin),
      role: "OFFICER",
      unitId: f.unitA.id,
      requestedUses: 1,
      ttlDays: 1,
    });
    if (invite.kind !== "done") throw new Error("the admin may invite officers to unit A");
    officerInviteId = invite.invite.id;
    const db = database.prisma;
    const colleague = f.colleagueA.membershipId;
    const unitAName = "Phường Thử Nghiệm A";
    scenarios.push(
      {
        name: "create an officers' invite to unit A",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `invn:${f.unitA.id}:OFFICER:1`),
        audit: "invite.created",
      },
      {
        name: "create a head's invite to unit A",
        allowed: ["admin"],
        send: (user) => callbackUpdate(user, `invn:${f.unitA.id}:UNIT_HEAD:1`),
        audit: "invite.created",
      },
      {
        name: "create a Center admin's invite",
        allowed: ["admin"],
        send: (user) => callbackUpdate(user, "invn:0:CENTER_ADMIN:1"),
        audit: "invite.created",
      },
      {
        name: "revoke an officers' invite of unit A",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `invx:${officerInviteId}`),
        audit: "invite.revoked",
        restore: async () => {
          await db.invite.update({ where: { id: officerInviteId }, data: { revokedAt: null } });
        },
      },
      {
        name: "list unit A's members",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `mbl:${f.unitA.id}:0`),
        shown: (h) => h.api.texts().some((text) => text.includes(`Members of ${unitAName}`)),
      },
      {
        name: "remove another officer of unit A",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `mby:${colleague}`),
        audit: "membership.removed",
        restore: async () => {
          await db.membership.update({
            where: { id: colleague },
            data: { status: "ACTIVE", removedAt: null },
          });
        },
      },
      {
        name: "make another officer of unit A its head",
        allowed: ["admin"],
        send: (user) => callbackUpdate(user, `mbs:${colleague}:UNIT_HEAD`),
        audit: "membership.roleChanged",
        restore: async () => {
          await db.membership.update({ where: { id: colleague }, data: { role: "OFFICER" } });
        },
      },
      {
        name: "deactivate unit A",
        allowed: ["admin"],
        send: (user) => callbackUpdate(user, `unita:${f.unitA.id}:0`),
        audit: "unit.deactivated",
        restore: async () => {
          await db.unit.update({ where: { id: f.unitA.id }, data: { active: true } });
        },
      },
      {
        name: "send unit A's notices to its group only",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `upush:${f.unitA.id}:GROUP`),
        audit: "unit.configured",
        restore: async () => {
          await db.unit.update({ where: { id: f.unitA.id }, data: { pushTarget: "BOTH" } });
        },
      },
      {
        name: "mark unit A's group internal",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `uint:${f.unitA.id}:1`),
        audit: "unit.configured",
        restore: async () => {
          await db.unit.update({ where: { id: f.unitA.id }, data: { groupIsInternal: false } });
        },
      },
      {
        name: "bind a group to unit A",
        allowed: ["admin", "headA"],
        send: (user) => callbackUpdate(user, `bnd:${f.unitA.id}`, undefined, GROUP),
        audit: "group.bound",
        restore: async () => {
          await db.chatBinding.deleteMany({ where: { chatId: BigInt(GROUP.id) } });
        },
      },
      {
        name: "see a unit A dossier's history",
        allowed: ["admin", "viewer", "headA", "officerA"],
        send: (user) => textUpdate(user, `/history ${f.dossierA.code}`),
        shown: (h) => h.api.texts().some((text) => text.includes(`Dossier ${f.dossierA.code}`)),
      },
      {
        name: "open unit A's card",
        allowed: ["admin"],
        send: (user) => callbackUpdate(user, `unit:${f.unitA.id}`),
        shown: (h) => h.api.texts().some((text) => text.includes(unitAName) && text.includes("Code: A")),
      },
      {
        name: "open unit A's settings",
        allowed: ["admin", "headA"],
        send: (user) => textUpdate(user, `/settings ${f.unitA.code}`),
        shown: (h) => h.api.texts().some((text) => text.includes(`Settings of ${unitAName}`)),
      },
      {
        name: "list all units",
        allowed: ["admin"],
        send: (user) => textUpdate(user, "/units"),
        shown: (h) => h.api.texts().some((text) => text.includes("Units</b>:")),
      },
    );
  });
  afterAll(() => database.drop());

  async function auditCount(action: string): Promise<number> {
    return database.prisma.auditEvent.count({ where: { action } });
  }

  it("covers every bot action with every kind of person", async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const scenario of scenarios) {
      for (const who of CAST) {
        harness.api.reset();
        const before = scenario.audit ? await auditCount(scenario.audit) : 0;
        await harness.send(scenario.send(f.users[who]));
        const changed = scenario.audit ? (await auditCount(scenario.audit)) > before : false;
        const allowed = scenario.audit ? changed : (scenario.shown?.(harness) ?? false);
        outcomes.push(`${scenario.name} / ${who}: ${allowed ? "allowed" : "denied"}`);
        expected.push(`${scenario.name} / ${who}: ${scenario.allowed.includes(who) ? "allowed" : "denied"}`);
        if (!allowed) {
          const told = harness.api.alerts().length + harness.api.of("sendMessage").length;
          expect(told, `${scenario.name} / ${who} was refused without a word`).toBeGreaterThan(0);
        }
        if (changed) await scenario.restore?.();
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it("refuses malformed and forged callback data without changing anything", async () => {
    const events = await database.prisma.auditEvent.count();
    for (const data of [
      "mby:abc",
      "invn:1:GOD:1",
      "invn:0:OFFICER:1",
      `invn:${f.unitA.id}:UNIT_HEAD:5`,
      "unita:999999:0",
      "mbs:999999:OFFICER",
      `uset:${f.unitB.id}`,
    ]) {
      harness.api.reset();
      await harness.send(callbackUpdate(f.users.headA, data));
      expect(harness.api.alerts().length, data).toBe(1);
    }
    expect(await database.prisma.auditEvent.count()).toBe(events);
  });

  it("stops a member's buttons at once when their unit is deactivated", async () => {
    await database.prisma.unit.update({ where: { id: f.unitA.id }, data: { active: false } });
    try {
      harness.api.reset();
      await harness.send(callbackUpdate(f.users.headA, `upush:${f.unitA.id}:PRIVATE`));
      expect(harness.api.alerts()).toHaveLength(1);
      expect((await database.prisma.unit.findUniqueOrThrow({ where: { id: f.unitA.id } })).pushTarget).toBe(
        "BOTH",
      );
    } finally {
      await database.prisma.unit.update({ where: { id: f.unitA.id }, data: { active: true } });
    }
  });
});
