// /digest (the weekly digest on demand), /export [period] (its workbook for a month) and the
// score card's Chart button. Admins get the Center's version, the People's Committee's viewers
// theirs; the chart is for whoever may see the unit's card, in this chat.

import { PassThrough } from "node:stream";
import { Composer, InputFile } from "grammy";
import { type DigestDeps, digestChartFile, digestWorkbookFile } from "../../app/digest/digest-report.js";
import { exportDigestWorkbook, showDigest } from "../../app/digest/show-digest.js";
import { audienceMaySee } from "../../domain/disclosure.js";
import { parseMonthArgument } from "../../domain/period.js";
import { can } from "../../domain/policy.js";
import { buildScoreCard, toTenths } from "../../domain/score-card.js";
import { formatDateTime, formatMonth } from "../../i18n/format.js";
import { digestMessage } from "../../render/digest.js";
import { unitChartPng } from "../../render/digest-chart.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import { DigestRepository } from "../../repositories/digest.js";
import type { ScoreCardsRepository } from "../../repositories/score-cards.js";
import type { UnitsRepository } from "../../repositories/units.js";
import { scoreChartData } from "../callback-data/digest.js";
import { periodOfKey } from "../callback-data/overdue.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { audienceOf } from "../helpers/audience.js";
import { refuse } from "../helpers/replies.js";

export interface DigestFeatureDeps {
  digest: DigestDeps;
  scoreCards: ScoreCardsRepository;
  units: UnitsRepository;
  chatBindings: ChatBindingsRepository;
}

/** Months of totals a unit's chart shows. */
export const CHART_MONTHS = 12;

export function digestFeature(deps: DigestFeatureDeps) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");
  const files = { ...deps.digest, db: deps.digest.app.db };

  privateChats.command("digest", async (ctx) => {
    const outcome = await showDigest(deps.digest, { actor: actorOf(ctx) });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "digest.notAllowed"));
    const { digest, audience, weekKey } = outcome;
    await ctx.reply(
      digestMessage(ctx.t, ctx.locale, deps.digest.timeZone, { digest, weekKey, audience }).text,
      {
        parse_mode: "HTML",
      },
    );
    const request = { at: digest.at, locale: ctx.locale, audience };
    const chart = await digestChartFile(files, request);
    await ctx.replyWithPhoto(new InputFile(chart.data, chart.fileName), {
      caption: ctx.t("digest.chartCaption", { week: weekKey }),
    });
    if (!digest.list) return;
    const workbook = await digestWorkbookFile(files, request);
    await ctx.replyWithDocument(new InputFile(workbook.data, workbook.fileName), {
      caption: ctx.t("digest.workbookCaption", {
        month: formatMonth(ctx.locale, digest.list.period.year, digest.list.period.month),
        at: formatDateTime(ctx.locale, digest.at, deps.digest.timeZone),
      }),
    });
  });

  privateChats.command("export", async (ctx) => {
    const argument = ctx.match.trim();
    const period = argument ? parseMonthArgument(argument) : undefined;
    if (period === null) return void (await refuse(ctx, "digest.usageExport"));
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    const outcome = await exportDigestWorkbook(
      deps.digest,
      { by: { actor: actorOf(ctx) }, locale: ctx.locale, ...(period ? { period } : {}) },
      stream,
    );
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "digest.notAllowed"));
    if (outcome.kind === "noData")
      return void (await refuse(
        ctx,
        outcome.period ? "digest.noDataFor" : "digest.noList",
        outcome.period ? { month: formatMonth(ctx.locale, outcome.period.year, outcome.period.month) } : {},
      ));
    const list = outcome.digest.list;
    await ctx.replyWithDocument(new InputFile(Buffer.concat(chunks), outcome.fileName), {
      caption: ctx.t("digest.exportCaption", {
        month: list ? formatMonth(ctx.locale, list.period.year, list.period.month) : "",
        at: formatDateTime(ctx.locale, outcome.digest.at, deps.digest.timeZone),
      }),
    });
  });

  feature.callbackQuery(scoreChartData.filter, async (ctx) => {
    const request = scoreChartData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const unit = await deps.units.findSummary(request.unit);
    const audience = await audienceOf(ctx, deps.chatBindings);
    if (!unit || !can(actorOf(ctx), "unit.view", { unitId: unit.id }) || !audienceMaySee(audience, unit.id))
      return void (await refuse(ctx, "overdue.notAllowed"));
    const period = periodOfKey(request.period);
    const month = await deps.scoreCards.loadMonth(period);
    if (!month)
      return void (await refuse(ctx, "scoreCard.noScoresFor", {
        month: formatMonth(ctx.locale, period.year, period.month),
      }));
    await ctx.answerCallbackQuery({ text: ctx.t("digest.preparing") });
    const card = buildScoreCard({ unitId: unit.id, month });
    const history = await new DigestRepository(deps.digest.app.db).unitHistory(unit.id, period, CHART_MONTHS);
    const png = unitChartPng(ctx.t, ctx.locale, {
      unit,
      card,
      history: history.map((row) => ({ period: row.period, total: toTenths(row.total) / 10 })),
    });
    await ctx.replyWithPhoto(new InputFile(png, `chart-${unit.code ?? unit.id}-${request.period}.png`));
  });

  return feature;
}
