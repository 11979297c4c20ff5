import type { AppContext } from "../../src/app/context.js";
import { createInvite } from "../../src/app/invites/create-invite.js";
import type { Actor } from "../../src/domain/policy.js";
import type { Role } from "../../src/domain/roles.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { type AccessFixture, type CastMember, seedAccessFixture } from "./access-fixture.js";

/** The person as the policy sees them now: their active memberships (of active units) in the database. */
export async function actorFromDatabase(db: PrismaClient, personId: number): Promise<Actor> {
  const memberships = await db.membership.findMany({
    where: { personId, status: "ACTIVE", OR: [{ unitId: null }, { unit: { active: true } }] },
    select: { id: true, role: true, unitId: true },
    orderBy: { id: "asc" },
  });
  return { personId, memberships };
}

export interface Cast {
  f: AccessFixture;
  /** A cast member as the policy sees them now. */
  actor(name: CastMember): Promise<Actor>;
}

let casts = 0;

/** A fresh cast (two units, their people, an admin, a viewer, a stranger) for one test. */
export async function seedCast(db: PrismaClient): Promise<Cast> {
  const f = await seedAccessFixture(db, `c${casts++}`);
  return { f, actor: (name) => actorFromDatabase(db, f.personIds[name]) };
}

/** An invite to unit A made through the use-case by a cast member (a head: officers only); its code and id. */
export async function inviteToUnitA(
  app: AppContext,
  cast: Cast,
  options: { by?: CastMember; role?: Role; uses?: number } = {},
): Promise<{ code: string; id: number }> {
  const outcome = await createInvite(app, {
    actor: await cast.actor(options.by ?? "headA"),
    role: options.role ?? "OFFICER",
    unitId: cast.f.unitA.id,
    requestedUses: options.uses ?? 1,
    ttlDays: 7,
  });
  if (outcome.kind !== "done") throw new Error(`${options.by ?? "headA"} may not create this invite`);
  return { code: outcome.code, id: outcome.invite.id };
}

let nextTelegramId = 6_000_000;

/** A new person holding one role (of a unit, or city-wide with null), as the policy sees them. */
export async function newMember(db: PrismaClient, role: Role, unitId: number | null): Promise<Actor> {
  const person = await db.person.create({
    data: { telegramUserId: BigInt(++nextTelegramId), firstName: role },
  });
  const membership = await db.membership.create({ data: { personId: person.id, role, unitId } });
  return { personId: person.id, memberships: [{ id: membership.id, role, unitId }] };
}
