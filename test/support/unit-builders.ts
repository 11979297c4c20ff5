// Builders for tests of the unit and group use-cases: each test makes the units and people it
// acts on, with names no other test uses, so that it passes alone and in any order.

import { normalizeName } from "../../src/domain/names.js";
import type { Actor } from "../../src/domain/policy.js";
import type { Role } from "../../src/domain/roles.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";

let next = 0;
const run = Math.floor(Math.random() * 1_000_000);

/** A number no other builder call of this test run gave. */
export function uniqueNumber(): number {
  next += 1;
  return run * 1000 + next;
}

export async function buildUnit(
  db: PrismaClient,
  fields: { nameVi?: string; active?: boolean; parentId?: number } = {},
): Promise<{ id: number; code: string; nameVi: string }> {
  const number = uniqueNumber();
  const nameVi = fields.nameVi ?? `Phường Dựng Sẵn ${number}`;
  const unit = await db.unit.create({
    data: {
      code: `U${number}`,
      nameVi,
      normalizedName: normalizeName(nameVi),
      kind: "COMMUNE",
      active: fields.active ?? true,
      parentId: fields.parentId ?? null,
    },
  });
  return { id: unit.id, code: `U${number}`, nameVi };
}

/** A person with one active membership (no role: a stranger), as the policy sees them. */
export async function buildActor(
  db: PrismaClient,
  role: Role | null,
  unitId: number | null = null,
): Promise<Actor & { telegramUserId: number }> {
  const telegramUserId = uniqueNumber();
  const person = await db.person.create({ data: { telegramUserId: BigInt(telegramUserId) } });
  if (!role) return { personId: person.id, telegramUserId, memberships: [] };
  const membership = await db.membership.create({ data: { personId: person.id, role, unitId } });
  return { personId: person.id, telegramUserId, memberships: [{ id: membership.id, role, unitId }] };
}
