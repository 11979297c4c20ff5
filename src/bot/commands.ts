import type { Api, RawApi } from "grammy";
import type { BotCommandScope } from "grammy/types";
import { type Locale, SUPPORTED_LOCALES } from "../config.js";
import { type ChatKind, commandsAvailable } from "../domain/commands.js";
import type { Role } from "../domain/roles.js";
import type { Translator } from "../i18n/index.js";

const PUBLIC_SCOPES: ReadonlyArray<{ scope: BotCommandScope; chat: ChatKind }> = [
  { scope: { type: "all_private_chats" }, chat: "private" },
  { scope: { type: "all_group_chats" }, chat: "group" },
];

function menu(translator: Translator, locale: Locale, roles: readonly Role[], chat: ChatKind) {
  const t = translator.forLocale(locale);
  return commandsAvailable(roles, chat).map((spec) => ({
    command: spec.name,
    description: t(`commands.${spec.name}`),
  }));
}

/**
 * The command menus everybody sees, per language (Telegram picks the one matching the
 * user's app language; the default locale serves everyone else) and per chat kind.
 */
export async function registerPublicCommands(api: Api<RawApi>, translator: Translator): Promise<void> {
  for (const { scope, chat } of PUBLIC_SCOPES) {
    await api.setMyCommands(menu(translator, translator.defaultLocale, [], chat), { scope });
    for (const locale of SUPPORTED_LOCALES) {
      await api.setMyCommands(menu(translator, locale, [], chat), { scope, language_code: locale });
    }
  }
}

/** A person's own menu in their private chat, listing the commands their roles allow. */
export async function registerPersonalCommands(
  api: Api<RawApi>,
  translator: Translator,
  person: { telegramUserId: number; locale: Locale; roles: readonly Role[] },
): Promise<void> {
  const scope = { type: "chat", chat_id: person.telegramUserId } as const;
  // Without roles the public menu is theirs again.
  if (person.roles.length === 0) await api.deleteMyCommands({ scope });
  else await api.setMyCommands(menu(translator, person.locale, person.roles, "private"), { scope });
}
