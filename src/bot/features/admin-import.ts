// A Center admin sends a portal export as a document: the bot previews it, and imports it
// only when that same admin presses Confirm, once. Anyone else's file changes nothing.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { AppContext } from "../../app/context.js";
import { cancelPendingImport } from "../../app/imports/cancel-pending-import.js";
import { confirmPendingImport } from "../../app/imports/confirm-pending-import.js";
import type { PendingImportRefusal } from "../../app/imports/decide-pending-import.js";
import { importConfirmedUpload } from "../../app/imports/import-confirmed-upload.js";
import type { MonthImportSettings } from "../../app/imports/month-batch.js";
import { receiveUpload } from "../../app/imports/receive-upload.js";
import { recordPreviewMessage } from "../../app/imports/record-preview-message.js";
import type { StatedImportOptions } from "../../domain/import-plan.js";
import type { ImportReport } from "../../domain/import-report.js";
import { type Actor, can } from "../../domain/policy.js";
import type { Logger } from "../../logger.js";
import {
  uploadCommittedText,
  uploadErrorsCsv,
  uploadPreviewText,
  uploadRejectedText,
  uploadTooBigText,
} from "../../render/imports.js";
import { MAX_DOWNLOAD_BYTES } from "../../render/telegram-limits.js";
import { importDecisionData } from "../callback-data/import.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";

export interface AdminImportDeps {
  app: AppContext;
  settings: MonthImportSettings;
  logger: Logger;
  /** Period and "as of" written in the document's caption, when the file's title rows lack them. */
  readCaption: (caption: string) => StatedImportOptions;
  /** The bytes of a Telegram file (through @grammyjs/files). */
  download: (ctx: BotContext, fileId: string) => Promise<Buffer>;
  /** What follows a confirmed import (the monthly push, when the Center's setting says so). */
  afterImport?: (ctx: BotContext, actor: Actor) => Promise<void>;
}

/** The answer to a press that decides nothing (locale keys `imports.bot.claim.*`). */
const REFUSAL_KEYS: Record<Exclude<PendingImportRefusal["kind"], "forbidden">, string> = {
  gone: "unknown",
  notYours: "notYours",
  alreadyDecided: "alreadyDecided",
};

export function adminImportFeature(deps: AdminImportDeps) {
  const { app, settings } = deps;
  const timeZone = settings.timeZone;
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.on("message:document", async (ctx) => {
    const actor = actorOf(ctx);
    // Asked here too, before the use-case does, so that nobody else's file is even downloaded.
    if (!actor || !can(actor, "data.import")) {
      await ctx.reply(ctx.t("imports.bot.notAllowed"), { parse_mode: "HTML" });
      return;
    }
    const document = ctx.message.document;
    if ((document.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
      await ctx.reply(uploadTooBigText(ctx.t, ctx.locale, document.file_size ?? 0), { parse_mode: "HTML" });
      return;
    }
    await ctx.replyWithChatAction("typing");
    const outcome = await receiveUpload(app, {
      actor,
      chatId: ctx.chat.id,
      telegramFileId: document.file_id,
      file: { fileName: document.file_name ?? "file", bytes: await deps.download(ctx, document.file_id) },
      stated: deps.readCaption(ctx.message.caption ?? ""),
      settings,
    });
    if (outcome.kind === "forbidden") {
      await ctx.reply(ctx.t("imports.bot.notAllowed"), { parse_mode: "HTML" });
      return;
    }
    if (outcome.kind === "refused") {
      await replyWithErrors(ctx, outcome.report, timeZone);
      return;
    }
    const { pendingImportId } = outcome;
    const preview = await ctx.reply(uploadPreviewText(ctx.t, ctx.locale, timeZone, outcome.report), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(ctx.t("imports.bot.confirm"), importDecisionData.pack({ decision: "ok", id: pendingImportId }))
        .text(ctx.t("imports.bot.cancel"), importDecisionData.pack({ decision: "no", id: pendingImportId })),
    });
    await recordPreviewMessage(app, { pendingImportId, messageId: preview.message_id });
  });

  feature.callbackQuery(importDecisionData.filter, async (ctx) => {
    const decision = importDecisionData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!decision || !actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("imports.bot.notAllowed"), show_alert: true });
      return;
    }
    const request = { actor, pendingImportId: decision.id };
    const outcome =
      decision.decision === "ok"
        ? await confirmPendingImport(app, request)
        : await cancelPendingImport(app, request);
    if (outcome.kind === "forbidden") {
      await ctx.answerCallbackQuery({ text: ctx.t("imports.bot.notAllowed"), show_alert: true });
      return;
    }
    if (outcome.kind !== "confirmed" && outcome.kind !== "cancelled") {
      await ctx.answerCallbackQuery({
        text: ctx.t(`imports.bot.claim.${REFUSAL_KEYS[outcome.kind]}`),
        show_alert: true,
      });
      return;
    }
    if (outcome.kind === "cancelled") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("imports.bot.cancelled", { fileName: outcome.pending.fileName }), {
        parse_mode: "HTML",
      });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("imports.bot.importing") });
    await ctx.editMessageReplyMarkup();
    const imported = await importConfirmedUpload(app, {
      actor,
      pending: outcome.pending,
      settings,
      fetch: (fileId) => deps.download(ctx, fileId),
    });
    if (imported.kind === "imported") {
      await ctx.editMessageText(uploadCommittedText(ctx.t, ctx.locale, timeZone, imported.report), {
        parse_mode: "HTML",
      });
      await deps.afterImport?.(ctx, actor);
    } else if (imported.kind === "refused") {
      await ctx.editMessageText(ctx.t("imports.bot.refusedOnConfirm"), { parse_mode: "HTML" });
      await replyWithErrors(ctx, imported.report, timeZone);
    }
  });

  return feature;
}

/** The first errors in the chat, the whole list as a CSV file. */
async function replyWithErrors(ctx: BotContext, report: ImportReport, timeZone: string) {
  await ctx.reply(uploadRejectedText(ctx.t, ctx.locale, timeZone, report), { parse_mode: "HTML" });
  if (report.errorCount === 0) return;
  const csv = uploadErrorsCsv(ctx.t, report);
  await ctx.replyWithDocument(new InputFile(Buffer.from(csv, "utf8"), "import-errors.csv"));
}
