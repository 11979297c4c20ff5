import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpFor } from "../helpers/help.js";

/**
 * Whatever no feature handled. In private chats the user always gets a helpful answer;
 * in groups the bot answers only commands addressed to it by name, so it never spams a group.
 */
export function fallbackFeature(botUsername: () => string) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.on("message::bot_command", async (ctx) => {
    const command = commandOf(ctx.message.text ?? "");
    await ctx.reply([ctx.t("fallback.unknownCommand", { command }), "", helpFor(ctx)].join("\n"), {
      parse_mode: "HTML",
    });
  });

  privateChats.on("message", async (ctx) => {
    await ctx.reply(ctx.t("fallback.strayMessage"), { parse_mode: "HTML" });
  });

  feature.chatType(["group", "supergroup"]).on("message::bot_command", async (ctx) => {
    const text = ctx.message.text ?? "";
    const addressedTo = text.split(/\s/)[0]?.split("@")[1];
    if (addressedTo?.toLowerCase() !== botUsername().toLowerCase()) return;
    await ctx.reply(ctx.t("fallback.unknownCommand", { command: commandOf(text) }), { parse_mode: "HTML" });
  });

  feature.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton"), show_alert: true });
  });

  return feature;
}

function commandOf(text: string): string {
  return (text.split(/\s/)[0] ?? "").split("@")[0] ?? "";
}
