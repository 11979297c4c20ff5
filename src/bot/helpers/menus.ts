import type { Api, RawApi } from "grammy";
import type { Locale } from "../../config.js";
import { resolveLocale, type Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import type { PeopleRepository } from "../../repositories/people.js";
import { registerPersonalCommands } from "../commands.js";
import { rolesOf } from "./display.js";

export interface MenuDeps {
  people: PeopleRepository;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
}

/**
 * Re-sets someone's personal command menu after their memberships changed (removed, left,
 * new role), so it lists only what they may still do. A failure only costs a stale menu.
 */
export async function refreshMenuOf(api: Api<RawApi>, deps: MenuDeps, telegramUserId: number): Promise<void> {
  const person = await deps.people.findByTelegramId(telegramUserId);
  if (!person) return;
  try {
    await registerPersonalCommands(api, deps.translator, {
      telegramUserId,
      locale: resolveLocale(person.language, undefined, deps.defaultLocale),
      roles: rolesOf(person.memberships),
    });
  } catch (error) {
    deps.logger.warn(
      { userId: telegramUserId, error: String(error) },
      "could not refresh a personal command menu",
    );
  }
}
