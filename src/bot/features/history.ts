// /history <dossier code>: a dossier's listings (which months it was overdue in, as of when)
// and its recorded events, for those who may see the dossier, in a chat that may see it.
import { Composer } from "grammy";
import { applicantShown, audienceMaySee } from "../../domain/disclosure.js";
import { can } from "../../domain/policy.js";
import { historyText } from "../../render/history.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { DossiersRepository } from "../../repositories/dossiers.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { audienceOf } from "../helpers/audience.js";

export interface HistoryDeps {
  dossiers: DossiersRepository;
  chatBindings: ChatBindingsRepository;
  timeZone: string;
}

const DOSSIER_CODE = /^[\p{L}\p{N}._/-]{3,64}$/u;

export function historyFeature(deps: HistoryDeps) {
  const feature = new Composer<BotContext>();

  feature.command("history", async (ctx) => {
    const code = ctx.match.trim();
    if (!DOSSIER_CODE.test(code))
      return void (await ctx.reply(ctx.t("history.usage"), { parse_mode: "HTML" }));
    const audience = await audienceOf(ctx, deps.chatBindings);
    const dossier = await deps.dossiers.history(code);
    const actor = actorOf(ctx);
    // One answer for "no such dossier" and "not yours": existence is not disclosed either.
    const visible =
      dossier !== null &&
      can(actor, "dossier.view", { unitId: dossier.unit.id }) &&
      audienceMaySee(audience, dossier.unit.id);
    if (!dossier || !visible)
      return void (await ctx.reply(ctx.t("history.notFound", { code }), { parse_mode: "HTML" }));
    const unitId = dossier.unit.id;
    const showApplicant = applicantShown(audience, can(actor, "dossier.viewApplicant", { unitId }));
    await ctx.reply(historyText(ctx.t, ctx.locale, deps.timeZone, dossier, showApplicant), {
      parse_mode: "HTML",
    });
  });

  return feature;
}
