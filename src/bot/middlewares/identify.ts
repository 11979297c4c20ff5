import type { MiddlewareFn } from "grammy";
import type { AppContext } from "../../app/context.js";
import { recordContact } from "../../app/people/record-contact.js";
import type { Locale } from "../../config.js";
import { resolveLocale, type Translator } from "../../i18n/index.js";
import type { PeopleRepository } from "../../repositories/people.js";
import type { BotContext } from "../context.js";

/**
 * Puts the person behind the update (with their memberships) and their language on the
 * context. A person is recorded on first contact in a private chat, so that /lang can be
 * remembered; group chatter by strangers leaves no trace.
 */
export function identify(deps: {
  app: AppContext;
  people: PeopleRepository;
  translator: Translator;
  defaultLocale: Locale;
}): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const user = ctx.from;
    let person = user && !user.is_bot ? await deps.people.findByTelegramId(user.id) : null;
    if (!person && user && !user.is_bot && ctx.chat?.type === "private") {
      person = (await recordContact(deps.app, { user })).person;
    }
    // Someone who blocked the bot and writes again may be sent pushes and reminders again.
    if (person?.unreachable && ctx.chat?.type === "private") {
      await deps.people.markReachable(person.id);
      person = { ...person, unreachable: false };
    }
    ctx.person = person;
    ctx.locale = resolveLocale(person?.language, user?.language_code, deps.defaultLocale);
    ctx.t = deps.translator.forLocale(ctx.locale);
    await next();
  };
}
