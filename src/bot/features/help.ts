import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpFor } from "../helpers/help.js";

/** /help: the commands this user may use here. */
export function helpFeature() {
  const feature = new Composer<BotContext>();
  feature.command("help", async (ctx) => {
    await ctx.reply(helpFor(ctx), { parse_mode: "HTML" });
  });
  return feature;
}
