// The Center's settings: one JSON value per key, checked with its zod schema when read (a
// value written by an older version that no longer fits falls back to the default).
import type { z } from "zod";
import type { DbClient } from "../db/prisma.js";
import type { Prisma } from "../generated/prisma/client.js";

export class SettingsRepository {
  constructor(private readonly db: DbClient) {}

  async read<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
    const row = await this.db.setting.findUnique({ where: { key }, select: { value: true } });
    if (!row) return fallback;
    const parsed = schema.safeParse(row.value);
    return parsed.success ? parsed.data : fallback;
  }

  async write(key: string, value: Prisma.InputJsonValue, updatedById: number | null): Promise<void> {
    await this.db.setting.upsert({
      where: { key },
      create: { key, value, updatedById },
      update: { value, updatedById },
    });
  }
}
