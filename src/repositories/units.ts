import type { Db } from "../db/prisma.js";

/** How score sheets may name the province itself: the configured name and every PROVINCE unit's names. */
export async function provinceNames(db: Db, configured: string | null): Promise<string[]> {
  const provinces = await db.unit.findMany({
    where: { kind: "PROVINCE" },
    select: { nameVi: true, nameEn: true },
  });
  const names = provinces
    .flatMap((unit) => [unit.nameVi, unit.nameEn])
    .filter((name): name is string => !!name);
  return configured ? [configured, ...names] : names;
}
