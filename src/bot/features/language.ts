import { Composer } from "grammy";
import type { AppContext } from "../../app/context.js";
import { recordContact } from "../../app/people/record-contact.js";
import { setLanguage } from "../../app/people/set-language.js";
import type { Translator } from "../../i18n/index.js";
import { chooseLanguageData } from "../callback-data/language.js";
import type { BotContext } from "../context.js";
import { languageKeyboard } from "../keyboards/language.js";

/** /lang: the user picks Vietnamese or English with a button; the choice is stored on their record. */
export function languageFeature(deps: { app: AppContext; translator: Translator }) {
  const feature = new Composer<BotContext>();

  feature.command("lang", async (ctx) => {
    const previousMenu = ctx.session.languageMenuMessageId;
    // One language menu at a time: an older one would only clutter the chat.
    if (previousMenu) await ctx.api.deleteMessage(ctx.chat.id, previousMenu).catch(() => undefined);
    const menu = await ctx.reply(ctx.t("language.choose"), { reply_markup: languageKeyboard(ctx.t) });
    ctx.session.languageMenuMessageId = menu.message_id;
  });

  feature.callbackQuery(chooseLanguageData.filter, async (ctx) => {
    const choice = chooseLanguageData.unpack(ctx.callbackQuery.data);
    if (!choice) {
      await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton"), show_alert: true });
      return;
    }
    // Strangers in groups are not recorded until they choose something worth remembering.
    const person = ctx.person ?? (await recordContact(deps.app, { user: ctx.from })).person;
    const outcome = await setLanguage(deps.app, { personId: person.id, locale: choice.locale });
    if (outcome.kind === "gone") throw new Error(`person ${person.id} vanished while choosing a language`);
    ctx.session.languageMenuMessageId = undefined;
    ctx.locale = choice.locale;
    ctx.t = deps.translator.forLocale(choice.locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language.changed"), { parse_mode: "HTML" });
  });

  return feature;
}
