// Two units with their people, a Center admin, a People's Committee viewer, a stranger and a
// removed head, plus one overdue dossier per unit: the cast of the authorization tests.
import type { User } from "grammy/types";
import { afterAll, beforeAll } from "vitest";
import { normalizeName } from "../../src/domain/names.js";
import type { Role } from "../../src/domain/roles.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTestBot, type TestBot } from "./bot.js";
import { telegramUser } from "./telegram.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export const CAST = [
  "admin",
  "viewer",
  "headA",
  "officerA",
  "headB",
  "officerB",
  "stranger",
  "removedHeadA",
] as const;
export type CastMember = (typeof CAST)[number];

export interface AccessFixture {
  unitA: { id: number; code: string };
  unitB: { id: number; code: string };
  users: Record<CastMember, User>;
  personIds: Record<CastMember, number>;
  membershipIds: Partial<Record<CastMember, number>>;
  dossierA: { id: number; code: string };
  dossierB: { id: number; code: string };
  /** Another officer of unit A: whom the membership buttons act on. */
  colleagueA: { personId: number; membershipId: number };
}

let nextUserId = 610_000;

export async function seedAccessFixture(db: PrismaClient, tag = ""): Promise<AccessFixture> {
  const unitA = await createUnit(db, `A${tag}`, `Phường Thử Nghiệm A${tag}`);
  const unitB = await createUnit(db, `B${tag}`, `Phường Thử Nghiệm B${tag}`);
  const roles: Record<CastMember, [Role, number | null] | null> = {
    admin: ["CENTER_ADMIN", null],
    viewer: ["PC_VIEWER", null],
    headA: ["UNIT_HEAD", unitA.id],
    officerA: ["OFFICER", unitA.id],
    headB: ["UNIT_HEAD", unitB.id],
    officerB: ["OFFICER", unitB.id],
    stranger: null,
    removedHeadA: ["UNIT_HEAD", unitA.id],
  };
  const users = {} as Record<CastMember, User>;
  const personIds = {} as Record<CastMember, number>;
  const membershipIds: Partial<Record<CastMember, number>> = {};
  for (const name of CAST) {
    const user = telegramUser(nextUserId++, "en", name);
    const person = await db.person.create({
      data: { telegramUserId: BigInt(user.id), firstName: name, language: "en" },
    });
    users[name] = user;
    personIds[name] = person.id;
    const role = roles[name];
    if (!role) continue;
    const membership = await db.membership.create({
      data: {
        personId: person.id,
        role: role[0],
        unitId: role[1],
        ...(name === "removedHeadA" ? { status: "REMOVED", removedAt: new Date() } : {}),
      },
    });
    membershipIds[name] = membership.id;
  }
  const colleague = await db.person.create({
    data: { telegramUserId: BigInt(nextUserId++), firstName: "colleagueA", language: "en" },
  });
  const colleagueMembership = await db.membership.create({
    data: { personId: colleague.id, role: "OFFICER", unitId: unitA.id },
  });
  const period = await db.reportingPeriod.upsert({
    where: { year_month: { year: 2025, month: 3 } },
    create: { year: 2025, month: 3 },
    update: {},
  });
  const batch = await db.importBatch.create({
    data: {
      kind: "OVERDUE_DOSSIERS",
      source: "CLI",
      fileName: "t.xlsx",
      fileSha256: "0",
      rowCount: 2,
      summary: {},
    },
  });
  const snapshot = await db.periodSnapshot.create({
    data: {
      periodId: period.id,
      kind: "OVERDUE_DOSSIERS",
      asOf: new Date("2025-04-11T04:00:00Z"),
      source: "test",
      importBatchId: batch.id,
    },
  });
  const dossier = async (unitId: number, code: string) => {
    const created = await db.dossier.create({
      data: {
        code,
        procedureName: "Đăng ký khai sinh",
        applicantName: "Nguyễn Văn An",
        receivedAt: new Date("2025-03-03T02:00:00Z"),
        dueAt: new Date("2025-03-10T10:00:00Z"),
        daysOverdue: 12,
        unitId,
        firstPeriodId: period.id,
        lastPeriodId: period.id,
      },
    });
    await db.dossierListing.create({
      data: { dossierId: created.id, snapshotId: snapshot.id, periodId: period.id, unitId, daysOverdue: 12 },
    });
    return { id: created.id, code };
  };
  return {
    unitA,
    unitB,
    users,
    personIds,
    membershipIds,
    dossierA: await dossier(unitA.id, `000.00.20.H26-250301-A${tag}`),
    dossierB: await dossier(unitB.id, `000.00.20.H26-250301-B${tag}`),
    colleagueA: { personId: colleague.id, membershipId: colleagueMembership.id },
  };
}

async function createUnit(db: PrismaClient, code: string, name: string) {
  const unit = await db.unit.create({
    data: { code, nameVi: name, normalizedName: normalizeName(name), kind: "COMMUNE" },
  });
  return { id: unit.id, code };
}

export interface AccessWorld {
  database: TestDatabase;
  harness: TestBot;
  f: AccessFixture;
}

/** A test file's database with the cast seeded and the bot on it; filled in before the tests run. */
export function useAccessWorld(): AccessWorld {
  const world = {} as AccessWorld;
  beforeAll(async () => {
    world.database = await createTestDatabase();
    world.f = await seedAccessFixture(world.database.prisma);
    world.harness = createTestBot(world.database.prisma);
  });
  afterAll(() => world.database.drop());
  return world;
}
