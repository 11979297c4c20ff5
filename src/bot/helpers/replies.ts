import type { InlineKeyboard } from "grammy";
import { plainText } from "../../render/telegram-limits.js";
import type { BotContext } from "../context.js";

/** Refuses a command or a button press, in the user's language, changing nothing. */
export async function refuse(ctx: BotContext, key: string, options: Record<string, unknown> = {}) {
  const text = ctx.t(key, options);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: plainText(text), show_alert: true });
  else await ctx.reply(text, { parse_mode: "HTML" });
}

/** Edits the message the button is on; a message unchanged by the edit is not an error. */
export async function editCard(ctx: BotContext, text: string, replyMarkup?: InlineKeyboard) {
  await ctx
    .editMessageText(text, { parse_mode: "HTML", ...(replyMarkup ? { reply_markup: replyMarkup } : {}) })
    .catch((error: unknown) => {
      if (String(error).includes("message is not modified")) return;
      throw error;
    });
}
