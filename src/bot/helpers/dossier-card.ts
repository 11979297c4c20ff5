// A dossier's card as the presser may see it here, with the actions they may take on it:
// what the overdue feature shows when a card is opened and what the dossier actions edit in
// place after each answer (a button or the last step of a form).
import type { InlineKeyboard } from "grammy";
import { applicantShown, audienceMaySee } from "../../domain/disclosure.js";
import { factsOf } from "../../domain/dossier-answers.js";
import { can } from "../../domain/policy.js";
import { overdueCardMessage } from "../../render/overdue.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { DossierAnswersRepository } from "../../repositories/dossier-answers.js";
import type { OverdueRepository } from "../../repositories/overdue.js";
import type { BotContext } from "../context.js";
import { type CardPlace, dossierActionRows } from "../keyboards/dossier-actions.js";
import { overdueCardKeyboard } from "../keyboards/overdue.js";
import { actorOf } from "./actor.js";
import { audienceOf } from "./audience.js";

export interface DossierCardDeps {
  overdue: OverdueRepository;
  answers: DossierAnswersRepository;
  chatBindings: ChatBindingsRepository;
  timeZone: string;
  now: () => Date;
}

/** The card's action rows for this presser (none for those who may only look). */
export async function cardActionRows(
  ctx: BotContext,
  deps: DossierCardDeps,
  dossierId: number,
  place: CardPlace,
): Promise<ReturnType<typeof dossierActionRows>> {
  const record = await deps.answers.record(dossierId);
  const actor = actorOf(ctx);
  if (!record || !actor) return [];
  const powers = {
    answer: can(actor, "dossier.answer", { unitId: record.unitId }),
    override: can(actor, "dossier.override", { unitId: record.unitId }),
    personId: actor.personId,
  };
  return dossierActionRows(ctx.t, dossierId, place, factsOf(record, deps.timeZone), powers, deps.now());
}

/** The card's text and keyboard; null when the presser may not see the dossier in this chat. */
export async function dossierCardView(
  ctx: BotContext,
  deps: DossierCardDeps,
  dossierId: number,
  place: CardPlace,
): Promise<{ text: string; keyboard: InlineKeyboard } | null> {
  const dossier = await deps.overdue.dossier(dossierId);
  const actor = actorOf(ctx);
  const audience = await audienceOf(ctx, deps.chatBindings);
  if (
    !dossier ||
    !can(actor, "dossier.view", { unitId: dossier.unitId }) ||
    !audienceMaySee(audience, dossier.unitId)
  )
    return null;
  const showApplicant = applicantShown(
    audience,
    can(actor, "dossier.viewApplicant", { unitId: dossier.unitId }),
  );
  const rows = await cardActionRows(ctx, deps, dossierId, place);
  return {
    text: overdueCardMessage(ctx.t, ctx.locale, deps.timeZone, { dossier, showApplicant }).text,
    keyboard: overdueCardKeyboard(ctx.t, { unitId: dossier.unitId, periodKey: place.period, ...place }, rows),
  };
}
