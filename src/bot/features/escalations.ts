// /escalations: the open escalations by level (the Center and the People's Committee see all;
// a unit head, their own unit's). /escalation <unit>: its timeline and evidence. The buttons of
// escalation notices: acknowledge (the unit head, or the Center), escalate to the People's
// Committee and confirm a de-escalation (the Center). Every press re-reads the escalation.
import { Composer } from "grammy";
import { acknowledgeEscalation } from "../../app/escalations/acknowledge-escalation.js";
import { closeEscalation, escalateToPeoplesCommittee } from "../../app/escalations/decide-escalation.js";
import { scheduleInspection } from "../../app/escalations/inspections.js";
import type { SweepDeps } from "../../app/escalations/sweep-escalations.js";
import { can, canOnAnyUnit, ownUnitsFor } from "../../domain/policy.js";
import { createWorkingCalendar, localDateOf } from "../../domain/working-days.js";
import {
  escalationListText,
  escalationTimelineText,
  inspectionScheduledText,
} from "../../render/escalations.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import { EscalationsRepository, type EscalationView } from "../../repositories/escalations.js";
import { UnitsRepository } from "../../repositories/units.js";
import {
  escalationAcknowledgeData,
  escalationCloseData,
  escalationRaiseData,
  escalationTimelineData,
  inspectionScheduleData,
} from "../callback-data/escalations.js";
import type { BotContext } from "../context.js";
import { escalationButtons } from "../escalations/compose.js";
import { actorOf } from "../helpers/actor.js";
import { refuse } from "../helpers/replies.js";

/** A sample inspection from a notice's button: in this many working days, of this many dossiers. */
const INSPECTION_NOTICE_WORKING_DAYS = 5;
const INSPECTION_SAMPLE_SIZE = 5;

export interface EscalationsFeatureDeps {
  sweep: SweepDeps;
}

export function escalationsFeature(deps: EscalationsFeatureDeps) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");
  const { app, timeZone } = deps.sweep;

  privateChats.command("escalations", async (ctx) => {
    const actor = actorOf(ctx);
    const everywhere = canOnAnyUnit(actor, "report.view");
    const own = ownUnitsFor(actor, "escalation.acknowledge");
    if (!actor || (!everywhere && own.length === 0))
      return void (await refuse(ctx, "escalations.notAllowed"));
    const items = await new EscalationsRepository(app.db).listOpen(everywhere ? undefined : own);
    await ctx.reply(escalationListText(ctx.t, ctx.locale, timeZone, items, app.now()), {
      parse_mode: "HTML",
    });
  });

  privateChats.command("escalation", async (ctx) => {
    const query = ctx.match.trim();
    if (!query) return void (await refuse(ctx, "escalations.usage"));
    const [unit] = await new UnitsRepository(app.db).search(query, 1);
    if (!unit) return void (await refuse(ctx, "escalations.noUnit"));
    await showTimeline(ctx, unit.id);
  });

  privateChats.callbackQuery(escalationTimelineData.filter, async (ctx) => {
    const request = escalationTimelineData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    await ctx.answerCallbackQuery();
    await showTimeline(ctx, request.unit);
  });

  privateChats.callbackQuery(escalationAcknowledgeData.filter, async (ctx) => {
    const request = escalationAcknowledgeData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "errors.staleButton"));
    const outcome = await acknowledgeEscalation(app, { actor, escalationId: request.id });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "escalations.notAllowed"));
    if (outcome.kind === "gone") return void (await refuse(ctx, "escalations.gone"));
    if (outcome.kind === "already") return void (await refuse(ctx, "escalations.already"));
    await ctx.answerCallbackQuery({ text: ctx.t("escalations.done") });
  });

  privateChats.callbackQuery(escalationRaiseData.filter, async (ctx) => {
    const request = escalationRaiseData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "errors.staleButton"));
    const outcome = await escalateToPeoplesCommittee(deps.sweep, { actor, unitId: request.unit, note: null });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "escalations.notAllowed"));
    if (outcome.kind === "gone") return void (await refuse(ctx, "escalations.gone"));
    if (outcome.kind === "unchanged") return void (await refuse(ctx, "escalations.alreadyL3"));
    await ctx.answerCallbackQuery({ text: ctx.t("escalations.done") });
  });

  privateChats.callbackQuery(escalationCloseData.filter, async (ctx) => {
    const request = escalationCloseData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "errors.staleButton"));
    const outcome = await closeEscalation(deps.sweep, { actor, escalationId: request.id });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "escalations.notAllowed"));
    if (outcome.kind === "gone") return void (await refuse(ctx, "escalations.gone"));
    if (outcome.kind === "unchanged") return void (await refuse(ctx, "escalations.notProposed"));
    await ctx.answerCallbackQuery({ text: ctx.t("escalations.done") });
  });

  privateChats.callbackQuery(inspectionScheduleData.filter, async (ctx) => {
    const request = inspectionScheduleData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "errors.staleButton"));
    const calendar = createWorkingCalendar(await new CalendarRepository(app.db).entries());
    const plannedOn = calendar.addWorkingDays(
      localDateOf(app.now(), timeZone),
      INSPECTION_NOTICE_WORKING_DAYS,
    );
    const outcome = await scheduleInspection(app, {
      actor,
      unitId: request.unit,
      plannedOn,
      inspectors: null,
      sampleSize: INSPECTION_SAMPLE_SIZE,
    });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "escalations.notAllowed"));
    if (outcome.kind !== "done") return void (await refuse(ctx, "escalations.gone"));
    await ctx.answerCallbackQuery();
    await ctx.reply(inspectionScheduledText(ctx.t, ctx.locale, outcome.value), { parse_mode: "HTML" });
  });

  /** The unit's latest escalation, for those who may see the unit's reports. */
  async function showTimeline(ctx: BotContext, unitId: number) {
    const actor = actorOf(ctx);
    if (!canOnAnyUnit(actor, "report.view") && !ownUnitsFor(actor, "report.view").includes(unitId))
      return void (await refuse(ctx, "escalations.notAllowed"));
    const escalations = new EscalationsRepository(app.db);
    const escalation = await escalations.latestOfUnit(unitId);
    if (!escalation) return void (await refuse(ctx, "escalations.noEscalation"));
    const entries = await escalations.timeline(escalation.id);
    const rows = escalation.closedAt ? [] : actionRows(ctx, escalation);
    await ctx.reply(
      escalationTimelineText(ctx.t, ctx.locale, timeZone, {
        unit: escalation.unit,
        level: escalation.level,
        reasons: escalation.reasons,
        closedAt: escalation.closedAt,
        entries,
      }),
      { parse_mode: "HTML", ...(rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}) },
    );
  }

  /** What the reader may do from the timeline: the Center acts, the unit head acknowledges. */
  function actionRows(ctx: BotContext, escalation: EscalationView) {
    const actor = actorOf(ctx);
    const unit = { unitId: escalation.unit.id };
    const kind = can(actor, "escalation.manage", unit)
      ? escalation.deescalationProposedAt
        ? "proposeClose"
        : "center"
      : can(actor, "escalation.acknowledge", unit) && !escalation.acknowledgedAt
        ? "unitHead"
        : null;
    if (!kind) return [];
    return escalationButtons(ctx.t, {
      kind,
      escalationId: escalation.id,
      level: escalation.level,
      unit: escalation.unit,
    }).slice(0, -1);
  }

  return feature;
}
