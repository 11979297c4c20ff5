// The answers a unit gives for each overdue dossier, from the buttons on its card (DOMAIN.md
// 1-3): a cause (category, then a detail), an apology record (a step-by-step form or one
// line), resolved (one tap and a confirmation; the same person may undo it for 10 minutes),
// waiting for the applicant (start, end); a Center admin reopens or changes the return date.
// On the list, dossiers are marked (or "all missing a cause" taken) for one cause to all.
// Each press reads the dossier anew and runs the use-case; the card is edited in place.
import {
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import type { AppContext } from "../../app/context.js";
import type { AnswerOutcome } from "../../app/dossiers/answer-step.js";
import { endPause } from "../../app/dossiers/end-pause.js";
import { markResolved } from "../../app/dossiers/mark-resolved.js";
import { reopen } from "../../app/dossiers/reopen.js";
import { undoResolution } from "../../app/dossiers/undo-resolution.js";
import { CAUSE_CATEGORIES } from "../../domain/dossier-life.js";
import type { OverduePage } from "../../domain/overdue.js";
import { can } from "../../domain/policy.js";
import { localDateOf } from "../../domain/working-days.js";
import { formatDate } from "../../i18n/format.js";
import type { Translator } from "../../i18n/index.js";
import { overduePageMessage } from "../../render/overdue.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import { DossierAnswersRepository } from "../../repositories/dossier-answers.js";
import type { OverdueRepository } from "../../repositories/overdue.js";
import type { UnitsRepository } from "../../repositories/units.js";
import {
  bulkCategoryData,
  bulkCauseData,
  causeCategoryData,
  dossierActionData,
  resolveConfirmData,
  selectPageData,
  selectToggleData,
} from "../callback-data/dossier-actions.js";
import { periodOfKey } from "../callback-data/overdue.js";
import type { BotContext } from "../context.js";
import { APOLOGY_FORM, apologyFormConversation } from "../conversations/apology-form.js";
import { type CardRef, type DossierFormDeps, outcomeText } from "../conversations/dossier-form-deps.js";
import {
  DOSSIER_TEXT_FORM,
  type DossierTextRequest,
  dossierTextConversation,
} from "../conversations/dossier-text.js";
import { FORM_TIMEOUT_MS } from "../conversations/form-input.js";
import { actorOf } from "../helpers/actor.js";
import { cardActionRows, type DossierCardDeps, dossierCardView } from "../helpers/dossier-card.js";
import { editCard, refuse } from "../helpers/replies.js";
import {
  bulkCategoryKeyboard,
  type CardPlace,
  causeCategoryKeyboard,
  resolveConfirmKeyboard,
  selectionKeyboard,
  selectModeRow,
} from "../keyboards/dossier-actions.js";

export interface DossierActionsDeps {
  app: AppContext;
  overdue: OverdueRepository;
  units: UnitsRepository;
  chatBindings: ChatBindingsRepository;
  translator: Translator;
  timeZone: string;
  download?: DossierFormDeps["download"];
}

/** The answers taken with one tap, and what is said when they are done. */
const ONE_TAP = {
  endPause: [endPause, "pauseEnded"],
  undo: [undoResolution, "undone"],
  reopen: [reopen, "reopened"],
} as const;

/** Marks kept for one list at a time: at most this many dossiers. */
const MAX_MARKS = 200;

export function dossierActionsFeature(deps: DossierActionsDeps) {
  const forms = formDeps(deps);
  const feature = new Composer<BotContext>();
  // Forms keep their state in the bot's session (Redis or the database), so they survive a restart.
  feature.use(
    conversations<BotContext, Context>({
      storage: {
        type: "context",
        adapter: {
          read: (ctx) => ctx.session.conversations,
          write: (ctx, state: VersionedState<ConversationData>) => {
            ctx.session.conversations = state;
          },
          delete: (ctx) => {
            ctx.session.conversations = undefined;
          },
        },
      },
    }),
  );
  feature.use(
    createConversation<BotContext, Context>(apologyFormConversation(forms), {
      id: APOLOGY_FORM,
      maxMillisecondsToWait: FORM_TIMEOUT_MS,
    }),
  );
  feature.use(
    createConversation<BotContext, Context>(dossierTextConversation(forms), {
      id: DOSSIER_TEXT_FORM,
      maxMillisecondsToWait: FORM_TIMEOUT_MS,
    }),
  );

  feature.callbackQuery(dossierActionData.filter, async (ctx) => {
    const request = dossierActionData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const { act, id, ...place } = request;
    const input = () => ({ actor: actorOf(ctx), dossierId: id, timeZone: deps.timeZone });
    switch (act) {
      case "cause":
        return withAnswerRight(ctx, forms, id, "answer", async (code) => {
          await ctx.answerCallbackQuery();
          await editCard(
            ctx,
            ctx.t("dossierActions.causePick", { code }),
            causeCategoryKeyboard(ctx.t, id, place),
          );
        });
      case "resolve":
        return withAnswerRight(ctx, forms, id, "answer", async (code) => {
          const today = localDateOf(deps.app.now(), deps.timeZone);
          const date = formatDate(ctx.locale, new Date(`${today}T00:00:00Z`), "UTC");
          await ctx.answerCallbackQuery();
          await editCard(
            ctx,
            ctx.t("dossierActions.resolveConfirm", { code, date }),
            resolveConfirmKeyboard(ctx.t, id, place),
          );
        });
      case "apology":
        return withAnswerRight(ctx, forms, id, "answer", () =>
          enterForm(ctx, APOLOGY_FORM, cardRef(ctx, id, place)),
        );
      case "pause":
        return withAnswerRight(ctx, forms, id, "answer", () =>
          enterForm(ctx, DOSSIER_TEXT_FORM, { purpose: "pause", card: cardRef(ctx, id, place) }),
        );
      case "date":
        return withAnswerRight(ctx, forms, id, "override", () =>
          enterForm(ctx, DOSSIER_TEXT_FORM, { purpose: "date", card: cardRef(ctx, id, place) }),
        );
      case "endPause":
      case "undo":
      case "reopen": {
        const [useCase, doneKey] = ONE_TAP[act];
        const outcome = await withActor(input(), (request) => useCase(deps.app, request));
        return answered(ctx, forms, id, place, outcome, doneKey);
      }
    }
  });

  feature.callbackQuery(causeCategoryData.filter, async (ctx) => {
    const request = causeCategoryData.unpack(ctx.callbackQuery.data);
    const category = request && CAUSE_CATEGORIES[request.category];
    if (!request || !category) return void (await refuse(ctx, "errors.staleButton"));
    const { id, category: _index, ...place } = request;
    await withAnswerRight(ctx, forms, id, "answer", () =>
      enterForm(ctx, DOSSIER_TEXT_FORM, { purpose: "cause", card: cardRef(ctx, id, place), category }),
    );
  });

  feature.callbackQuery(resolveConfirmData.filter, async (ctx) => {
    const request = resolveConfirmData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const { id, outcome, ...place } = request;
    const resolved = await withActor(
      { actor: actorOf(ctx), dossierId: id, timeZone: deps.timeZone },
      (input) =>
        markResolved(deps.app, {
          ...input,
          outcome: outcome === 0 ? "RESULT_ISSUED" : "RETURNED_WITH_REASONS",
        }),
    );
    await answered(ctx, forms, id, place, resolved, "resolved");
  });

  feature.callbackQuery(selectPageData.filter, async (ctx) => {
    const request = selectPageData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    await showSelection(ctx, deps, request.unit, request);
  });

  feature.callbackQuery(selectToggleData.filter, async (ctx) => {
    const request = selectToggleData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const marks = marksOf(ctx, request.unit);
    if (marks.has(request.id)) marks.delete(request.id);
    else if (marks.size < MAX_MARKS) marks.add(request.id);
    ctx.session.dossierMarks = { unitId: request.unit, dossierIds: [...marks] };
    await showSelection(ctx, deps, request.unit, request);
  });

  feature.callbackQuery(bulkCauseData.filter, async (ctx) => {
    const request = bulkCauseData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const { unit, scope, ...place } = request;
    if (!can(actorOf(ctx), "dossier.answer", { unitId: unit }))
      return void (await refuse(ctx, "dossierActions.forbidden"));
    const count = marksOf(ctx, unit).size;
    if (scope === "marked" && count === 0)
      return void (await refuse(ctx, "dossierActions.select.noneMarked"));
    await ctx.answerCallbackQuery();
    await editCard(
      ctx,
      ctx.t("dossierActions.select.causePick", { target: bulkTarget(ctx, scope, count) }),
      bulkCategoryKeyboard(ctx.t, unit, scope, place),
    );
  });

  feature.callbackQuery(bulkCategoryData.filter, async (ctx) => {
    const request = bulkCategoryData.unpack(ctx.callbackQuery.data);
    const category = request && CAUSE_CATEGORIES[request.category];
    if (!request || !category) return void (await refuse(ctx, "errors.staleButton"));
    if (!can(actorOf(ctx), "dossier.answer", { unitId: request.unit }))
      return void (await refuse(ctx, "dossierActions.forbidden"));
    const marked = [...marksOf(ctx, request.unit)];
    const snapshot = await deps.overdue.findSnapshot(periodOfKey(request.period));
    if (request.scope === "marked" ? marked.length === 0 : !snapshot)
      return void (await refuse(ctx, "dossierActions.select.noneMarked"));
    await enterForm(ctx, DOSSIER_TEXT_FORM, {
      purpose: "bulkCause",
      category,
      target: bulkTarget(ctx, request.scope, marked.length),
      targets:
        request.scope === "marked" || !snapshot
          ? { kind: "dossiers", dossierIds: marked }
          : { kind: "missingCause", unitId: request.unit, snapshotId: snapshot.snapshotId },
    } satisfies DossierTextRequest);
  });

  return feature;
}

/** The card's action rows and the list's selection button, for the overdue feature to show. */
export function dossierCardActions(deps: DossierActionsDeps) {
  const cards = cardDeps(deps);
  return {
    cardActions: (ctx: BotContext, dossierId: number, place: CardPlace) =>
      cardActionRows(ctx, cards, dossierId, place),
    pageActions: (ctx: BotContext, page: OverduePage, period: string) =>
      can(actorOf(ctx), "dossier.answer", { unitId: page.unitId }) && page.total > 0
        ? [selectModeRow(ctx.t, page.unitId, { period, filter: page.filter, page: page.page })]
        : [],
  };
}

function cardDeps(deps: DossierActionsDeps): DossierCardDeps {
  return {
    overdue: deps.overdue,
    answers: new DossierAnswersRepository(deps.app.db),
    chatBindings: deps.chatBindings,
    timeZone: deps.timeZone,
    now: deps.app.now,
  };
}

function formDeps(deps: DossierActionsDeps): DossierFormDeps {
  return {
    ...cardDeps(deps),
    app: deps.app,
    translator: deps.translator,
    ...(deps.download ? { download: deps.download } : {}),
  };
}

function cardRef(ctx: BotContext, dossierId: number, place: CardPlace): CardRef {
  return {
    dossierId,
    place,
    chatId: ctx.chat?.id ?? 0,
    messageId: ctx.callbackQuery?.message?.message_id ?? 0,
  };
}

/** Starts a form; one left half-way (its buttons still on screen) ends: the newest form wins. */
async function enterForm(ctx: BotContext, id: string, args: CardRef | DossierTextRequest): Promise<void> {
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(id, args);
}

/**
 * Runs `then` when the presser may answer for the dossier (or override it, for a Center
 * admin's action); otherwise says why, before any form is shown.
 */
async function withAnswerRight(
  ctx: BotContext,
  deps: DossierCardDeps,
  dossierId: number,
  right: "answer" | "override",
  then: (code: string) => Promise<void>,
): Promise<void> {
  const record = await deps.answers.record(dossierId);
  const actor = actorOf(ctx);
  if (!record) return void (await refuse(ctx, "dossierActions.gone"));
  if (right === "override" && !can(actor, "dossier.override", { unitId: record.unitId }))
    return void (await refuse(ctx, "dossierActions.refused.adminOnly"));
  if (right === "answer" && !can(actor, "dossier.answer", { unitId: record.unitId }))
    return void (await refuse(ctx, "dossierActions.forbidden"));
  await then(record.code);
}

async function withActor<T extends { actor: ReturnType<typeof actorOf> }>(
  input: T,
  run: (input: T & { actor: NonNullable<T["actor"]> }) => Promise<AnswerOutcome>,
): Promise<AnswerOutcome> {
  const { actor } = input;
  return actor ? run({ ...input, actor }) : { kind: "forbidden" };
}

/** Says how a one-tap answer went (an alert when refused) and edits the card to its state now. */
async function answered(
  ctx: BotContext,
  deps: DossierCardDeps,
  dossierId: number,
  place: CardPlace,
  outcome: AnswerOutcome,
  doneKey: string,
): Promise<void> {
  const text = outcomeText(ctx, outcome, doneKey);
  await ctx.answerCallbackQuery({ text, show_alert: outcome.kind !== "done" });
  const view = await dossierCardView(ctx, deps, dossierId, place);
  if (view) await editCard(ctx, view.text, view.keyboard);
}

function marksOf(ctx: BotContext, unitId: number): Set<number> {
  const marks = ctx.session.dossierMarks;
  return new Set(marks?.unitId === unitId ? marks.dossierIds : []);
}

function bulkTarget(ctx: BotContext, scope: "marked" | "missing", count: number): string {
  return scope === "marked"
    ? ctx.t("dossierActions.select.targetMarked", { count })
    : ctx.t("dossierActions.select.targetMissing");
}

/** The list page with its numbers as marks to toggle. */
async function showSelection(
  ctx: BotContext,
  deps: DossierActionsDeps,
  unitId: number,
  place: CardPlace,
): Promise<void> {
  if (!can(actorOf(ctx), "dossier.answer", { unitId }))
    return void (await refuse(ctx, "dossierActions.forbidden"));
  const [unit, snapshot] = await Promise.all([
    deps.units.findSummary(unitId),
    deps.overdue.findSnapshot(periodOfKey(place.period)),
  ]);
  if (!unit || !snapshot) return void (await refuse(ctx, "errors.staleButton"));
  const page = await deps.overdue.page(unitId, snapshot, place.filter, place.page);
  const marks = marksOf(ctx, unitId);
  const text = [
    overduePageMessage(ctx.t, ctx.locale, deps.timeZone, { unit, page }).text,
    "",
    ctx.t("dossierActions.select.hint", { count: marks.size }),
  ].join("\n");
  await ctx.answerCallbackQuery();
  await editCard(ctx, text, selectionKeyboard(ctx.t, page, place.period, marks));
}
