// A month ready to push: a ward with a head, an officer and a bound group, a unit nobody can
// receive, a score sheet and an overdue list; each call uses a year of its own, so tests
// sharing a database never see each other's month as the latest.
import { appContext } from "../../src/app/context.js";
import type { PushDeps } from "../../src/app/push/push-month.js";
import { createPushComposer } from "../../src/bot/push/compose.js";
import type { Actor } from "../../src/domain/policy.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTranslator } from "../../src/i18n/index.js";
import { addScore, createSnapshot, createUnit, listDossier } from "./monthly-data.js";

let nextYear = 2030;
let nextTelegramId = 5_000_000;

async function person(db: PrismaClient, firstName: string, language: string | null = null) {
  return db.person.create({ data: { telegramUserId: BigInt(++nextTelegramId), firstName, language } });
}

export async function pushWorld(db: PrismaClient) {
  const year = ++nextYear;
  const ward = await createUnit(db);
  const lonely = await createUnit(db);
  const head = await person(db, "Lan");
  const officer = await person(db, "Minh", "en");
  await db.membership.createMany({
    data: [
      { personId: head.id, unitId: ward.id, role: "UNIT_HEAD" },
      { personId: officer.id, unitId: ward.id, role: "OFFICER" },
    ],
  });
  const group = await db.chatBinding.create({
    data: { chatId: BigInt(-100 - year), unitId: ward.id, title: "Nhóm" },
  });
  const scores = await createSnapshot(db, { year, month: 3, kind: "UNIT_SCORES" });
  await addScore(db, scores.id, ward.id, "58.30");
  await addScore(db, scores.id, lonely.id, "71.00");
  const overdue = await createSnapshot(db, { year, month: 3, kind: "OVERDUE_DOSSIERS" });
  await listDossier(db, overdue, ward.id, { daysOverdue: 12 });
  await listDossier(db, overdue, ward.id, { daysOverdue: 3 });
  const admin = await person(db, "Hà");
  const adminMembership = await db.membership.create({ data: { personId: admin.id, role: "CENTER_ADMIN" } });
  const actor: Actor = {
    personId: admin.id,
    memberships: [{ id: adminMembership.id, role: "CENTER_ADMIN", unitId: null }],
  };
  return { year, ward, lonely, head, officer, group, overdue, actor };
}

export function pushDeps(db: PrismaClient, now = () => new Date("2031-04-12T02:00:00Z")): PushDeps {
  const translator = createTranslator("vi");
  return {
    app: appContext(db, now),
    compose: createPushComposer({ translator, defaultLocale: "vi", timeZone: "Asia/Ho_Chi_Minh" }),
    defaultLocale: "vi",
    globalPerSecond: 25,
  };
}
