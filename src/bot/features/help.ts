import { Composer } from "grammy";
import { commandsAvailable } from "../../domain/commands.js";
import type { BotContext } from "../context.js";
import { rolesOf } from "../helpers/display.js";

export function helpText(ctx: BotContext): string {
  const chat = ctx.chat?.type === "private" ? "private" : "group";
  const commands = commandsAvailable(rolesOf(ctx.person?.memberships ?? []), chat);
  const lines = commands.map((spec) => `/${spec.name} — ${ctx.t(`commands.${spec.name}`)}`);
  return [ctx.t("help.title"), ...lines].join("\n");
}

/** /help: the commands this user may use here. */
export function helpFeature() {
  const feature = new Composer<BotContext>();
  feature.command("help", async (ctx) => {
    await ctx.reply(helpText(ctx), { parse_mode: "HTML" });
  });
  return feature;
}
