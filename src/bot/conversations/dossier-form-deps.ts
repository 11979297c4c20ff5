// What the dossier forms need, and how each ends: the use-case's outcome said in the chat
// and the card edited in place with the new state. Both run as `conversation.external`.

import type { AppContext } from "../../app/context.js";
import type { AnswerOutcome } from "../../app/dossiers/answer-step.js";
import { type DossierAnswerRecord, factsOf } from "../../domain/dossier-answers.js";
import { type IsoDate, localDateOf } from "../../domain/working-days.js";
import type { Translator } from "../../i18n/index.js";
import type { BotContext } from "../context.js";
import { type DossierCardDeps, dossierCardView } from "../helpers/dossier-card.js";
import type { CardPlace } from "../keyboards/dossier-actions.js";

export interface DossierFormDeps extends DossierCardDeps {
  app: AppContext;
  translator: Translator;
  /** Reads a file sent to the bot (the apology letter's scan, for its hash). */
  download?: (ctx: BotContext, fileId: string) => Promise<Uint8Array>;
}

/** The card a form was opened from: edited in place when the form ends. */
export interface CardRef {
  dossierId: number;
  place: CardPlace;
  chatId: number;
  messageId: number;
}

/**
 * What a form knows of its dossier when it starts: read once, then replayed from the
 * conversation's log, so plain JSON (ISO dates, no Date objects).
 */
export interface FormStart {
  locale: BotContext["locale"];
  code: string;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  appointmentOn: IsoDate | null;
  today: IsoDate;
}

export async function formStart(
  ctx: BotContext,
  deps: DossierFormDeps,
  dossierId: number,
): Promise<FormStart | null> {
  const record: DossierAnswerRecord | null = await deps.answers.record(dossierId);
  if (!record) return null;
  const facts = factsOf(record, deps.timeZone);
  return {
    locale: ctx.locale,
    code: record.code,
    receivedOn: facts.receivedOn,
    dueOn: facts.dueOn,
    appointmentOn: facts.apology?.newAppointmentOn ?? null,
    today: localDateOf(deps.now(), deps.timeZone),
  };
}

/** The done / refused / forbidden message of an answer, in the user's language. */
export function outcomeText(ctx: BotContext, outcome: AnswerOutcome, doneKey: string): string {
  switch (outcome.kind) {
    case "done":
      return ctx.t(`dossierActions.done.${doneKey}`);
    case "refused":
      return ctx.t(`dossierActions.refused.${outcome.reason}`);
    case "forbidden":
      return ctx.t("dossierActions.forbidden");
    case "gone":
      return ctx.t("dossierActions.gone");
  }
}

/** Says how the answer went and edits the card the form came from. */
export async function finishForm(
  ctx: BotContext,
  deps: DossierFormDeps,
  card: CardRef,
  outcome: AnswerOutcome,
  doneKey: string,
): Promise<void> {
  await ctx.reply(outcomeText(ctx, outcome, doneKey), { parse_mode: "HTML" });
  await refreshCard(ctx, deps, card);
}

export async function refreshCard(ctx: BotContext, deps: DossierCardDeps, card: CardRef): Promise<void> {
  const view = await dossierCardView(ctx, deps, card.dossierId, card.place);
  if (!view) return;
  await ctx.api
    .editMessageText(card.chatId, card.messageId, view.text, {
      parse_mode: "HTML",
      reply_markup: view.keyboard,
    })
    .catch((error: unknown) => {
      if (String(error).includes("message is not modified")) return;
      throw error;
    });
}
