import type { Actor } from "../../src/domain/policy.js";
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
