// /push [period]: a Center admin previews the monthly push (units, people, groups, messages,
// the time it will take, the units nobody can receive) and confirms it; the messages go out
// through the outbox and one progress message follows them.
import { Composer, InlineKeyboard } from "grammy";
import { type PushDeps, type PushPreview, previewPush, startPush } from "../../app/push/push-month.js";
import { changePushSettings, readPushSettings } from "../../app/settings/push-settings.js";
import { parseMonthArgument, periodKey } from "../../domain/period.js";
import { type Actor, can } from "../../domain/policy.js";
import { pushBatchKey } from "../../domain/push.js";
import { PUSH_DAY_CHOICES, type PushSettings } from "../../domain/push-settings.js";
import { pushPreviewText, pushSettingsText } from "../../render/push-admin.js";
import { periodOfKey } from "../callback-data/overdue.js";
import { pushCancelData, pushConfirmData, pushSettingsData } from "../callback-data/push.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { editCard, refuse } from "../helpers/replies.js";
import type { PushProgress } from "../push/progress.js";

export interface PushFeatureDeps {
  push: PushDeps;
  progress: PushProgress;
}

export function pushFeature(deps: PushFeatureDeps) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.command("push", async (ctx) => {
    const actor = actorOf(ctx);
    if (!actor) return void (await refuse(ctx, "pushAdmin.notAllowed"));
    const argument = ctx.match.trim();
    const period = argument ? parseMonthArgument(argument) : undefined;
    if (period === null) return void (await refuse(ctx, "pushAdmin.usage"));
    const outcome = await previewPush(deps.push, { by: { actor }, ...(period ? { period } : {}) });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "pushAdmin.notAllowed"));
    if (outcome.kind === "noData") return void (await refuse(ctx, "pushAdmin.noData"));
    await ctx.reply(pushPreviewText(ctx.t, ctx.locale, outcome.preview), {
      parse_mode: "HTML",
      reply_markup: previewKeyboard(ctx, outcome.preview),
    });
  });

  privateChats.callbackQuery(pushConfirmData.filter, async (ctx) => {
    const request = pushConfirmData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    const messageId = ctx.callbackQuery.message?.message_id;
    if (!request || !actor || messageId === undefined) return void (await refuse(ctx, "errors.staleButton"));
    const outcome = await startPush(deps.push, {
      by: { actor },
      period: periodOfKey(request.period),
      expectedBatch: pushBatchKey({
        periodKey: request.period,
        scoreSnapshotId: request.s || null,
        overdueSnapshotId: request.o || null,
      }),
      progressChat: { chatId: ctx.chat.id, messageId },
    });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "pushAdmin.notAllowed"));
    if (outcome.kind === "noData") return void (await refuse(ctx, "pushAdmin.noData"));
    await ctx.answerCallbackQuery();
    if (outcome.kind === "changed") {
      return void (await editCard(
        ctx,
        `${ctx.t("pushAdmin.changed")}\n\n${pushPreviewText(ctx.t, ctx.locale, outcome.preview)}`,
        previewKeyboard(ctx, outcome.preview),
      ));
    }
    if (outcome.queued === 0) return void (await editCard(ctx, ctx.t("pushAdmin.alreadyStarted")));
    await editCard(ctx, ctx.t("pushAdmin.progressTitle"));
    deps.progress.watch({
      pushRunId: outcome.pushRunId,
      batch: outcome.preview.batch,
      chatId: ctx.chat.id,
      messageId,
      locale: ctx.locale,
    });
  });

  privateChats.command("pushsettings", async (ctx) => {
    const actor = actorOf(ctx);
    if (!actor || !can(actor, "push.send")) return void (await refuse(ctx, "pushAdmin.notAllowed"));
    const settings = await readPushSettings(deps.push.app);
    await ctx.reply(pushSettingsText(ctx.t, settings), {
      parse_mode: "HTML",
      reply_markup: settingsKeyboard(ctx, settings),
    });
  });

  privateChats.callbackQuery(pushSettingsData.filter, async (ctx) => {
    const request = pushSettingsData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "errors.staleButton"));
    const outcome = await changePushSettings(deps.push.app, {
      actor,
      change: {
        ...(request.afterImport === "keep" ? {} : { afterImport: request.afterImport === "on" }),
        ...(request.day === -1 ? {} : { dayOfMonth: request.day === 0 ? null : request.day }),
      },
    });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "pushAdmin.notAllowed"));
    await ctx.answerCallbackQuery({ text: ctx.t("pushAdmin.settingsSaved") });
    await editCard(ctx, pushSettingsText(ctx.t, outcome.settings), settingsKeyboard(ctx, outcome.settings));
  });

  privateChats.callbackQuery(pushCancelData.filter, async (ctx) => {
    if (!pushCancelData.unpack(ctx.callbackQuery.data)) return void (await refuse(ctx, "errors.staleButton"));
    await ctx.answerCallbackQuery();
    await editCard(ctx, ctx.t("pushAdmin.cancelled"));
  });

  return feature;
}

function previewKeyboard(ctx: BotContext, preview: PushPreview): InlineKeyboard {
  const [, , scores = "s0", overdue = "o0"] = preview.batch.split(":");
  const key = periodKey(preview.period);
  return new InlineKeyboard()
    .text(
      ctx.t("pushAdmin.confirm"),
      pushConfirmData.pack({ period: key, s: Number(scores.slice(1)), o: Number(overdue.slice(1)) }),
    )
    .text(ctx.t("pushAdmin.cancel"), pushCancelData.pack({ period: key }));
}

function settingsKeyboard(ctx: BotContext, settings: PushSettings): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(
      ctx.t("pushAdmin.toggleAfterImport", {
        state: ctx.t(settings.afterImport ? "pushAdmin.on" : "pushAdmin.off"),
      }),
      pushSettingsData.pack({ afterImport: settings.afterImport ? "off" : "on", day: -1 }),
    )
    .row();
  for (const day of PUSH_DAY_CHOICES) {
    const label = ctx.t("pushAdmin.dayButton", { day });
    keyboard.text(
      settings.dayOfMonth === day ? `• ${label}` : label,
      pushSettingsData.pack({ afterImport: "keep", day }),
    );
  }
  return keyboard
    .row()
    .text(ctx.t("pushAdmin.dayOff"), pushSettingsData.pack({ afterImport: "keep", day: 0 }));
}

/**
 * After a Center admin's import is confirmed: when the Center's setting says so, the push of
 * that month starts at once, with its progress in a message of its own.
 */
export function pushAfterImport(deps: PushFeatureDeps) {
  return async (ctx: BotContext, actor: Actor): Promise<void> => {
    const settings = await readPushSettings(deps.push.app);
    if (!settings.afterImport || !ctx.chat) return;
    const notice = await ctx.reply(ctx.t("pushAdmin.autoStarted"), { parse_mode: "HTML" });
    const outcome = await startPush(deps.push, {
      by: { actor },
      progressChat: { chatId: ctx.chat.id, messageId: notice.message_id },
    });
    if (outcome.kind !== "started" || outcome.queued === 0) return;
    deps.progress.watch({
      pushRunId: outcome.pushRunId,
      batch: outcome.preview.batch,
      chatId: ctx.chat.id,
      messageId: notice.message_id,
      locale: ctx.locale,
    });
  };
}
