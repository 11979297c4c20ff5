// /score and /overdue: a unit's score card and its overdue dossiers (summary, list pages,
// filters, a dossier's card, the .xlsx), for its own people (their unit in focus) and for the
// Center's admins and the People's Committee's viewers (who name a unit). The monthly push
// sends the same messages with the same buttons. Every press re-reads the unit (or the
// dossier's unit) from the database and asks the policy and the chat's audience again.
import { Composer, InputFile } from "grammy";
import { type Audience, applicantShown, audienceMaySee } from "../../domain/disclosure.js";
import type { OverdueFilter, OverdueSnapshotRef } from "../../domain/overdue.js";
import { type PeriodMonth, periodKey } from "../../domain/period.js";
import { type Action, can, canOnAnyUnit } from "../../domain/policy.js";
import { buildScoreCard } from "../../domain/score-card.js";
import { formatDateTime, formatMonth } from "../../i18n/format.js";
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
}

/** Units offered when a name matches several. */
const PICK_LIMIT = 8;

/** "2025-03", "03/2025" or "3/2025" at the end of the arguments. */
const PERIOD_ARGUMENT = /^(?:(\d{4})-(\d{1,2})|(\d{1,2})\/(\d{4}))$/;

export function overdueFeature(deps: OverdueDeps) {
  const feature = new Composer<BotContext>();

  feature.command("score", async (ctx) => {
    const request = parseArguments(ctx.match);
    if (!request) return void (await refuse(ctx, "overdue.usage", { command: "/score" }));
    const target = await unitOfCommand(ctx, deps, "unit.view", request.query, "/score");
    if (target.kind === "refused") return void (await refuse(ctx, target.key, target.options));
    const month = await deps.scoreCards.loadMonth(request.period);
    if (!month) return void (await refuse(ctx, ...missingScores(ctx, request.period)));
    if (target.kind === "pick")
      return void (await ctx.reply(ctx.t("overdue.pickUnit"), {
        reply_markup: unitPickKeyboard(pickLabels(ctx, target.units), "score", periodKey(month.period)),
      }));
    const card = buildScoreCard({ unitId: target.unit.id, month });
    await ctx.reply(scoreCardMessage(ctx.t, ctx.locale, deps.timeZone, { unit: target.unit, card }).text, {
      parse_mode: "HTML",
    });
  });

  feature.command("overdue", async (ctx) => {
    const request = parseArguments(ctx.match);
    if (!request) return void (await refuse(ctx, "overdue.usage", { command: "/overdue" }));
    const target = await unitOfCommand(ctx, deps, "dossier.view", request.query, "/overdue");
    if (target.kind === "refused") return void (await refuse(ctx, target.key, target.options));
    const snapshot = await deps.overdue.findSnapshot(request.period);
    if (!snapshot) return void (await refuse(ctx, ...missingList(ctx, request.period)));
    if (target.kind === "pick")
      return void (await ctx.reply(ctx.t("overdue.pickUnit"), {
        reply_markup: unitPickKeyboard(pickLabels(ctx, target.units), "overdue", periodKey(snapshot.period)),
      }));
    const summary = await summaryMessage(ctx, deps, target.unit, snapshot);
    await ctx.reply(summary.text, { parse_mode: "HTML", reply_markup: summary.keyboard });
  });

  feature.callbackQuery(scoreCardData.filter, async (ctx) => {
    const request = scoreCardData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const seen = await unitFromButton(ctx, deps, request.unit, "unit.view");
    if (!seen) return;
    const month = await deps.scoreCards.loadMonth(periodOfKey(request.period));
    if (!month) return void (await refuse(ctx, ...missingScores(ctx, periodOfKey(request.period))));
    const card = buildScoreCard({ unitId: seen.unit.id, month });
    await ctx.answerCallbackQuery();
    await editCard(ctx, scoreCardMessage(ctx.t, ctx.locale, deps.timeZone, { unit: seen.unit, card }).text);
  });

  feature.callbackQuery(overdueSummaryData.filter, async (ctx) => {
    const request = overdueSummaryData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const seen = await unitFromButton(ctx, deps, request.unit, "dossier.view");
    const snapshot = seen && (await snapshotOfButton(ctx, deps, request.period));
    if (!seen || !snapshot) return;
    const summary = await summaryMessage(ctx, deps, seen.unit, snapshot);
    await ctx.answerCallbackQuery();
    await editCard(ctx, summary.text, summary.keyboard);
  });

  feature.callbackQuery(overdueListData.filter, async (ctx) => {
    const request = overdueListData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const seen = await unitFromButton(ctx, deps, request.unit, "dossier.view");
    const snapshot = seen && (await snapshotOfButton(ctx, deps, request.period));
    if (!seen || !snapshot) return;
    await ctx.answerCallbackQuery();
    await showPage(ctx, deps, seen.unit, snapshot, request.filter, request.page);
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
    await ctx.answerCallbackQuery();
    await editCard(
      ctx,
      overdueCardMessage(ctx.t, ctx.locale, deps.timeZone, { dossier, showApplicant }).text,
      overdueCardKeyboard(ctx.t, {
        unitId: dossier.unitId,
        periodKey: request.period,
        filter: request.filter,
        page: request.page,
      }),
    );
  });

  feature.callbackQuery(overdueXlsxData.filter, async (ctx) => {
    const request = overdueXlsxData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const seen = await unitFromButton(ctx, deps, request.unit, "dossier.view");
    const snapshot = seen && (await snapshotOfButton(ctx, deps, request.period));
    if (!seen || !snapshot) return;
    await ctx.answerCallbackQuery({ text: ctx.t("overdue.preparing") });
    const rows = await deps.overdue.workbookRows(seen.unit.id, snapshot);
    const showApplicant = applicantShown(
      seen.audience,
      can(actorOf(ctx), "dossier.viewApplicant", { unitId: seen.unit.id }),
    );
    const workbook = await overdueWorkbook(ctx.t, ctx.locale, deps.timeZone, {
      unit: seen.unit,
      snapshot,
      rows,
      showApplicant,
    });
    await ctx.replyWithDocument(
      new InputFile(workbook, overdueWorkbookFileName(ctx.t, seen.unit, snapshot.period)),
      {
        parse_mode: "HTML",
        caption: ctx.t("overdue.workbook.caption", {
          unit: unitName(seen.unit, ctx.locale),
          month: formatMonth(ctx.locale, snapshot.period.year, snapshot.period.month),
          count: rows.length,
          asOf: formatDateTime(ctx.locale, snapshot.asOf, deps.timeZone),
        }),
      },
    );
  });

  return feature;
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

async function snapshotOfButton(
  ctx: BotContext,
  deps: OverdueDeps,
  key: string,
): Promise<OverdueSnapshotRef | null> {
  const period = periodOfKey(key);
  const snapshot = await deps.overdue.findSnapshot(period);
  if (!snapshot) await refuse(ctx, ...missingList(ctx, period));
  return snapshot;
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
  await editCard(
    ctx,
    overduePageMessage(ctx.t, ctx.locale, deps.timeZone, { unit, page }).text,
    overduePageKeyboard(ctx.t, page, periodKey(snapshot.period)),
  );
}

function pickLabels(ctx: BotContext, units: readonly UnitSummary[]) {
  return units.map((unit) => ({ id: unit.id, label: unitName(unit, ctx.locale) }));
}

function missingScores(ctx: BotContext, period: PeriodMonth | undefined): [string, Record<string, unknown>] {
  return period
    ? ["scoreCard.noScoresFor", { month: formatMonth(ctx.locale, period.year, period.month) }]
    : ["scoreCard.noScores", {}];
}

function missingList(ctx: BotContext, period: PeriodMonth | undefined): [string, Record<string, unknown>] {
  return period
    ? ["overdue.noListFor", { month: formatMonth(ctx.locale, period.year, period.month) }]
    : ["overdue.noList", {}];
}
