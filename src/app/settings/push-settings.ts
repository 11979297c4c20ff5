// Reading and changing the Center's push settings (Center admins only; every change audited,
// so the settings keep their history).
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import {
  DEFAULT_PUSH_SETTINGS,
  PUSH_SETTINGS_KEY,
  type PushSettings,
  pushSettingsSchema,
} from "../../domain/push-settings.js";
import { appendAudit } from "../../repositories/audit.js";
import { SettingsRepository } from "../../repositories/settings.js";
import type { AppContext } from "../context.js";

export function readPushSettings(app: AppContext): Promise<PushSettings> {
  return new SettingsRepository(app.db).read(PUSH_SETTINGS_KEY, pushSettingsSchema, DEFAULT_PUSH_SETTINGS);
}

export type PushSettingsOutcome =
  | { kind: "done"; settings: PushSettings }
  | { kind: "unchanged"; settings: PushSettings }
  | { kind: "forbidden" };

export async function changePushSettings(
  app: AppContext,
  input: { actor: Actor; change: Partial<PushSettings> },
): Promise<PushSettingsOutcome> {
  if (!can(input.actor, "push.send")) return { kind: "forbidden" };
  return inTransaction(app.db, async (tx) => {
    const settings = new SettingsRepository(tx);
    const before = await settings.read(PUSH_SETTINGS_KEY, pushSettingsSchema, DEFAULT_PUSH_SETTINGS);
    const after = pushSettingsSchema.parse({ ...before, ...input.change });
    if (after.afterImport === before.afterImport && after.dayOfMonth === before.dayOfMonth)
      return { kind: "unchanged", settings: before };
    await settings.write(PUSH_SETTINGS_KEY, after, input.actor.personId);
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "settings.pushChanged",
      entityType: "Setting",
      entityId: PUSH_SETTINGS_KEY,
      before,
      after,
    });
    return { kind: "done", settings: after };
  });
}
