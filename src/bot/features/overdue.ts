// /score and /overdue: a unit's score card and its overdue dossiers (summary, list pages,
// filters, a dossier's card, the .xlsx), for its own people (their unit in focus) and for the
// Center's admins and the People's Committee's viewers (who name a unit). The monthly push
// sends the same messages with the same buttons. Every press re-reads the unit (or the
// dossier's unit) from the database and asks the policy and the chat's audience again.
import { Composer, InputFile } from "grammy";
import { type Audience, applicantShown, audienceMaySee } from "../../domain/disclosure.js";
import type { OverdueFilter, OverduePage, OverdueSnapshotRef } from "../../domain/overdue.js";
import { type PeriodMonth, periodKey } from "../../domain/period.js";
import { type Action, can, canOnAnyUnit } from "../../domain/policy.js";
import { buildScoreCard } from "../../domain/score-card.js";
import { formatDateTime, formatMonth, formatNumber } from "../../i18n/format.js";
import { overdueCardMessage, overduePageMessage, overdueSummaryMessage } from "../../render/overdue.js";
import { overdueWorkbook, overdueWorkbookFileName } from "../../render/overdue-workbook.js";
import { scoreCardMessage } from "../../render/score-card.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { OverdueRepository } from "../../repositories/overdue.js";
import type { ScoreCardsRepository } from "../../repositories/score-cards.js";
import type { UnitSummary, UnitsRepository } from "../../repositories/units.js";
import {
  overdueCardData,
  overdueListData,
  overdueSummaryData,
  overdueXlsxData,
  periodOfKey,
  scoreCardData,
} from "../callback-data/overdue.js";
import type { BotContext } from "../context.js";
import { actorOf, ownUnitsInFocus } from "../helpers/actor.js";
import { audienceOf } from "../helpers/audience.js";
import { unitName } from "../helpers/display.js";
import { editCard, refuse } from "../helpers/replies.js";
import { scoreCardKeyboard } from "../keyboards/digest.js";
import type { CardPlace } from "../keyboards/dossier-actions.js";
import {
  overdueCardKeyboard,
  overduePageKeyboard,
  overdueSummaryKeyboard,
  unitPickKeyboard,
} from "../keyboards/overdue.js";

export interface OverdueDeps {
  overdue: OverdueRepository;
  scoreCards: ScoreCardsRepository;
  units: UnitsRepository;
  chatBindings: ChatBindingsRepository;
  timeZone: string;
  /** The actions the presser may take on a dossier, as rows on its card (the dossier actions feature's). */
  cardActions?: (ctx: BotContext, dossierId: number, place: CardPlace) => Promise<ActionRows>;
  /** Rows added under a list page (the way to select dossiers for one cause). */
  pageActions?: (ctx: BotContext, page: OverduePage, periodKey: string) => ActionRows;
}

type ActionRows = ReadonlyArray<ReadonlyArray<{ text: string; callback_data: string }>>;

/** Units offered when a name matches several. */
const PICK_LIMIT = 8;

/** "2025-03", "03/2025" or "3/2025" at the end of the arguments. */
const PERIOD_ARGUMENT = /^(?:(\d{4})-(\d{1,2})|(\d{1,2})\/(\d{4}))$/;

export function overdueFeature(deps: OverdueDeps) {
  const feature = new Composer<BotContext>();

  feature.command("score", (ctx) =>
    answerUnitCommand(ctx, deps, {
      command: "score",
      action: "unit.view",
      load: (period) => deps.scoreCards.loadMonth(period),
      missing: SCORES_MISSING,
      answer: async (unit, month) => {
        const card = buildScoreCard({ unitId: unit.id, month });
        await ctx.reply(scoreCardMessage(ctx.t, ctx.locale, deps.timeZone, { unit, card }).text, {
          parse_mode: "HTML",
          reply_markup: scoreCardKeyboard(ctx.t, unit.id, periodKey(month.period)),
        });
      },
    }),
  );

  feature.command("overdue", (ctx) =>
    answerUnitCommand(ctx, deps, {
      command: "overdue",
      action: "dossier.view",
      load: (period) => deps.overdue.findSnapshot(period),
      missing: LIST_MISSING,
      answer: async (unit, snapshot) => {
        const summary = await summaryMessage(ctx, deps, unit, snapshot);
        await ctx.reply(summary.text, { parse_mode: "HTML", reply_markup: summary.keyboard });
      },
    }),
  );

  feature.callbackQuery(scoreCardData.filter, async (ctx) => {
    const request = scoreCardData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const seen = await unitFromButton(ctx, deps, request.unit, "unit.view");
    if (!seen) return;
    const month = await deps.scoreCards.loadMonth(periodOfKey(request.period));
    if (!month)
      return void (await refuse(ctx, ...missingMonth(ctx, SCORES_MISSING, periodOfKey(request.period))));
    const card = buildScoreCard({ unitId: seen.unit.id, month });
    await ctx.answerCallbackQuery();
    await editCard(
      ctx,
      scoreCardMessage(ctx.t, ctx.locale, deps.timeZone, { unit: seen.unit, card }).text,
      scoreCardKeyboard(ctx.t, seen.unit.id, request.period),
    );
  });

  feature.callbackQuery(overdueSummaryData.filter, async (ctx) => {
    const list = await listOfButton(ctx, deps, overdueSummaryData.unpack(ctx.callbackQuery.data));
    if (!list) return;
    const summary = await summaryMessage(ctx, deps, list.unit, list.snapshot);
    await ctx.answerCallbackQuery();
    await editCard(ctx, summary.text, summary.keyboard);
  });

  feature.callbackQuery(overdueListData.filter, async (ctx) => {
    const request = overdueListData.unpack(ctx.callbackQuery.data);
    const list = await listOfButton(ctx, deps, request);
    if (!list || !request) return;
    await ctx.answerCallbackQuery();
    await showPage(ctx, deps, list.unit, list.snapshot, request.filter, request.page);
  });

  feature.callbackQuery(overdueCardData.filter, async (ctx) => {
    const request = overdueCardData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const dossier = await deps.overdue.dossier(request.id);
    const audience = await audienceOf(ctx, deps.chatBindings);
    const actor = actorOf(ctx);
    // One answer for "no such dossier" and "not yours": existence is not disclosed either.
    if (!dossier || !mayView(actor, "dossier.view", dossier.unitId, audience))
      return void (await refuse(ctx, "overdue.notAllowed"));
    const showApplicant = applicantShown(
      audience,
      can(actor, "dossier.viewApplicant", { unitId: dossier.unitId }),
    );
    const place = { period: request.period, filter: request.filter, page: request.page };
    const actions = (await deps.cardActions?.(ctx, dossier.id, place)) ?? [];
    await ctx.answerCallbackQuery();
    await editCard(
      ctx,
      overdueCardMessage(ctx.t, ctx.locale, deps.timeZone, { dossier, showApplicant }).text,
      overdueCardKeyboard(
        ctx.t,
        { unitId: dossier.unitId, periodKey: request.period, filter: request.filter, page: request.page },
        actions,
      ),
    );
  });

  feature.callbackQuery(overdueXlsxData.filter, async (ctx) => {
    const list = await listOfButton(ctx, deps, overdueXlsxData.unpack(ctx.callbackQuery.data));
    if (!list) return;
    const { unit, audience, snapshot } = list;
    await ctx.answerCallbackQuery({ text: ctx.t("overdue.preparing") });
    const rows = await deps.overdue.workbookRows(unit.id, snapshot);
    const showApplicant = applicantShown(
      audience,
      can(actorOf(ctx), "dossier.viewApplicant", { unitId: unit.id }),
    );
    const workbook = await overdueWorkbook(ctx.t, ctx.locale, deps.timeZone, {
      unit,
      snapshot,
      rows,
      showApplicant,
    });
    await ctx.replyWithDocument(
      new InputFile(workbook, overdueWorkbookFileName(ctx.t, unit, snapshot.period)),
      {
        parse_mode: "HTML",
        caption: ctx.t("overdue.workbook.caption", {
          unit: unitName(unit, ctx.locale),
          month: formatMonth(ctx.locale, snapshot.period.year, snapshot.period.month),
          count: formatNumber(ctx.locale, rows.length),
          asOf: formatDateTime(ctx.locale, snapshot.asOf, deps.timeZone),
        }),
      },
    );
  });

  return feature;
}

interface UnitCommand<Month extends { period: PeriodMonth }> {
  command: "score" | "overdue";
  action: Action;
  /** The month's figures: the period asked for, else the latest; null when there are none. */
  load(period?: PeriodMonth): Promise<Month | null>;
  missing: MissingKeys;
  answer(unit: UnitSummary, month: Month): Promise<void>;
}

/**
 * /score and /overdue alike: the unit (refused before anything about the month is said),
 * the month's figures, then either a choice between units a name matched or the answer.
 */
async function answerUnitCommand<Month extends { period: PeriodMonth }>(
  ctx: BotContext & { match: string },
  deps: OverdueDeps,
  spec: UnitCommand<Month>,
): Promise<void> {
  const command = `/${spec.command}`;
  const request = parseArguments(ctx.match);
  if (!request) return void (await refuse(ctx, "overdue.usage", { command }));
  const target = await unitOfCommand(ctx, deps, spec.action, request.query, command);
  if (target.kind === "refused") return void (await refuse(ctx, target.key, target.options));
  const month = await spec.load(request.period);
  if (!month) return void (await refuse(ctx, ...missingMonth(ctx, spec.missing, request.period)));
  if (target.kind === "unit") return spec.answer(target.unit, month);
  const units = target.units.map((unit) => ({ id: unit.id, label: unitName(unit, ctx.locale) }));
  await ctx.reply(ctx.t("overdue.pickUnit"), {
    reply_markup: unitPickKeyboard(units, spec.command, periodKey(month.period)),
  });
}

function mayView(
  actor: ReturnType<typeof actorOf>,
  action: Action,
  unitId: number,
  audience: Audience,
): boolean {
  return can(actor, action, { unitId }) && audienceMaySee(audience, unitId);
}

/** A command's arguments: an optional unit (code or name) and an optional period at the end. */
function parseArguments(match: string): { query: string; period?: PeriodMonth } | null {
  const words = match.trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  const found = last ? PERIOD_ARGUMENT.exec(last) : null;
  if (!found) return { query: words.join(" ") };
  const year = Number(found[1] ?? found[4]);
  const month = Number(found[2] ?? found[3]);
  if (month < 1 || month > 12) return null;
  return { query: words.slice(0, -1).join(" "), period: { year, month } };
}

type UnitOfCommand =
  | { kind: "unit"; unit: UnitSummary }
  | { kind: "pick"; units: UnitSummary[] }
  | { kind: "refused"; key: string; options?: Record<string, unknown> };

/**
 * The unit a command is about: the one named (a code, else a name: several matches are
 * offered to pick from), else the group's bound unit, else the member's unit in focus.
 */
async function unitOfCommand(
  ctx: BotContext,
  deps: OverdueDeps,
  action: Action,
  query: string,
  command: string,
): Promise<UnitOfCommand> {
  const actor = actorOf(ctx);
  const audience = await audienceOf(ctx, deps.chatBindings);
  const visible = (unit: UnitSummary) => mayView(actor, action, unit.id, audience);
  if (!query) {
    const unitId = audience.kind === "group" ? audience.boundUnitId : ownUnitsInFocus(ctx, action)[0];
    const unit = unitId == null ? null : await deps.units.findSummary(unitId);
    if (unit && visible(unit)) return { kind: "unit", unit };
    return canOnAnyUnit(actor, action) && audience.kind === "private"
      ? { kind: "refused", key: "overdue.usage", options: { command } }
      : { kind: "refused", key: "overdue.notAllowed" };
  }
  const exact = await deps.units.findByCode(query);
  const found = exact ? [exact] : await deps.units.search(query, PICK_LIMIT);
  if (found.length === 0) return { kind: "refused", key: "overdue.noUnit" };
  const allowed = found.filter(visible);
  const [only] = allowed;
  if (!only) return { kind: "refused", key: "overdue.notAllowed" };
  return allowed.length === 1 ? { kind: "unit", unit: only } : { kind: "pick", units: allowed };
}

/** The unit a button names, when the presser may see it here; otherwise the presser is told. */
async function unitFromButton(
  ctx: BotContext,
  deps: OverdueDeps,
  unitId: number,
  action: Action,
): Promise<{ unit: UnitSummary; audience: Audience } | null> {
  const unit = await deps.units.findSummary(unitId);
  const audience = await audienceOf(ctx, deps.chatBindings);
  if (unit && mayView(actorOf(ctx), action, unit.id, audience)) return { unit, audience };
  await refuse(ctx, "overdue.notAllowed");
  return null;
}

/**
 * The unit's overdue list a button names (a summary, a page, the workbook), when the presser
 * may see it here and the period has a list; otherwise the presser is told and null returned.
 */
async function listOfButton(
  ctx: BotContext,
  deps: OverdueDeps,
  request: { unit: number; period: string } | null,
): Promise<{ unit: UnitSummary; audience: Audience; snapshot: OverdueSnapshotRef } | null> {
  if (!request) {
    await refuse(ctx, "errors.staleButton");
    return null;
  }
  const seen = await unitFromButton(ctx, deps, request.unit, "dossier.view");
  if (!seen) return null;
  const period = periodOfKey(request.period);
  const snapshot = await deps.overdue.findSnapshot(period);
  if (!snapshot) await refuse(ctx, ...missingMonth(ctx, LIST_MISSING, period));
  return snapshot && { ...seen, snapshot };
}

async function summaryMessage(
  ctx: BotContext,
  deps: OverdueDeps,
  unit: UnitSummary,
  snapshot: OverdueSnapshotRef,
) {
  const summary = await deps.overdue.summary(unit.id, snapshot);
  return {
    text: overdueSummaryMessage(ctx.t, ctx.locale, deps.timeZone, { unit, summary }).text,
    keyboard: overdueSummaryKeyboard(ctx.t, unit.id, periodKey(snapshot.period)),
  };
}

async function showPage(
  ctx: BotContext,
  deps: OverdueDeps,
  unit: UnitSummary,
  snapshot: OverdueSnapshotRef,
  filter: OverdueFilter,
  requestedPage: number,
): Promise<void> {
  const page = await deps.overdue.page(unit.id, snapshot, filter, requestedPage);
  const keyboard = overduePageKeyboard(ctx.t, page, periodKey(snapshot.period));
  for (const row of deps.pageActions?.(ctx, page, periodKey(snapshot.period)) ?? []) {
    keyboard.row();
    for (const button of row) keyboard.text(button.text, button.callback_data);
  }
  await editCard(ctx, overduePageMessage(ctx.t, ctx.locale, deps.timeZone, { unit, page }).text, keyboard);
}

/** What is said when no month has figures yet, and when the month asked for has none. */
type MissingKeys = readonly [none: string, noneFor: string];
const SCORES_MISSING: MissingKeys = ["scoreCard.noScores", "scoreCard.noScoresFor"];
const LIST_MISSING: MissingKeys = ["overdue.noList", "overdue.noListFor"];

function missingMonth(
  ctx: BotContext,
  [none, noneFor]: MissingKeys,
  period: PeriodMonth | undefined,
): [string, Record<string, unknown>] {
  return period ? [noneFor, { month: formatMonth(ctx.locale, period.year, period.month) }] : [none, {}];
}
