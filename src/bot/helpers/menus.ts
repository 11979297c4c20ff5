import type { Api, RawApi } from "grammy";
import type { Locale } from "../../config.js";
import type { Role } from "../../domain/roles.js";
import { resolveLocale, type Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import type { PeopleRepository } from "../../repositories/people.js";
import { registerPersonalCommands } from "../commands.js";
import type { BotContext } from "../context.js";
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
  const menu = {
    telegramUserId,
    locale: resolveLocale(person.language, undefined, deps.defaultLocale),
    roles: rolesOf(person.memberships),
  };
  await setPersonalMenu(api, deps, menu, "could not refresh a personal command menu");
}

/**
 * A person with roles gets a command menu of their own. Telegram accepts a chat-scoped menu
 * only once the person has opened the bot, so /start (and linking by invite) is where it is
 * (re)set, from the memberships on the context.
 */
export async function refreshPersonalMenu(ctx: BotContext, deps: { translator: Translator; logger: Logger }) {
  const roles = rolesOf(ctx.person?.memberships ?? []);
  if (!ctx.from || roles.length === 0) return;
  const menu = { telegramUserId: ctx.from.id, locale: ctx.locale, roles };
  await setPersonalMenu(ctx.api, deps, menu, "could not set a personal command menu");
}

async function setPersonalMenu(
  api: Api<RawApi>,
  deps: { translator: Translator; logger: Logger },
  menu: { telegramUserId: number; locale: Locale; roles: Role[] },
  failure: string,
): Promise<void> {
  try {
    await registerPersonalCommands(api, deps.translator, menu);
  } catch (error) {
    deps.logger.warn({ userId: menu.telegramUserId, error: String(error) }, failure);
  }
}
