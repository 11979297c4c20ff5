// A Center admin sends a portal export as a document: the bot previews it, and imports it
// only when that same admin presses Confirm, once. Anyone else's file changes nothing.
import { createHash } from "node:crypto";
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { Document } from "grammy/types";
import { can } from "../../domain/policy.js";
import { formatNumber } from "../../i18n/format.js";
import type { ImportReport, ImportService } from "../../import/import-service.js";
import type { ImportOptions } from "../../import/plan.js";
import { describeError, describeFile } from "../../import/report-text.js";
import type { Logger } from "../../logger.js";
import type {
  PendingImportOptions,
  PendingImportRecord,
  PendingImportsRepository,
} from "../../repositories/pending-imports.js";
import { importDecisionData } from "../callback-data/import.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";

/** Telegram lets bots download files up to 20 MB. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const SHOWN_ERRORS = 10;

export interface AdminImportDeps {
  imports: ImportService;
  pendingImports: PendingImportsRepository;
  timeZone: string;
  logger: Logger;
  /** Period and "as of" written in the document's caption, when the file's title rows lack them. */
  readCaption: (caption: string) => PendingImportOptions;
  /** The bytes of a Telegram file (through @grammyjs/files). */
  download: (ctx: BotContext, fileId: string) => Promise<Buffer>;
}

export function adminImportFeature(deps: AdminImportDeps) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.on("message:document", async (ctx) => {
    if (!can(actorOf(ctx), "data.import")) {
      await ctx.reply(ctx.t("imports.bot.notAllowed"), { parse_mode: "HTML" });
      return;
    }
    const document = ctx.message.document;
    if ((document.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
      await ctx.reply(tooBig(ctx, document), { parse_mode: "HTML" });
      return;
    }
    await ctx.replyWithChatAction("typing");
    const file = {
      fileName: document.file_name ?? "file",
      bytes: await deps.download(ctx, document.file_id),
    };
    const options = deps.readCaption(ctx.message.caption ?? "");
    const report = await deps.imports.preview([file], {
      ...toImportOptions(options),
      createUnknownUnits: true,
    });
    if (!report.ok) {
      await replyWithErrors(ctx, report, deps.timeZone);
      return;
    }
    const person = ctx.person;
    if (!person) return;
    const pendingId = await deps.pendingImports.create({
      uploaderId: person.id,
      chatId: ctx.chat.id,
      telegramFileId: document.file_id,
      fileName: file.fileName,
      fileSha256: createHash("sha256").update(file.bytes).digest("hex"),
      options,
    });
    const preview = await ctx.reply(previewText(ctx, report, deps.timeZone), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(ctx.t("imports.bot.confirm"), importDecisionData.pack({ decision: "ok", id: pendingId }))
        .text(ctx.t("imports.bot.cancel"), importDecisionData.pack({ decision: "no", id: pendingId })),
    });
    await deps.pendingImports.setPreviewMessage(pendingId, preview.message_id);
  });

  feature.callbackQuery(importDecisionData.filter, async (ctx) => {
    const decision = importDecisionData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!decision || !actor || !can(actor, "data.import")) {
      await ctx.answerCallbackQuery({ text: ctx.t("imports.bot.notAllowed"), show_alert: true });
      return;
    }
    const claim = await deps.pendingImports.claim(
      decision.id,
      actor.personId,
      decision.decision === "ok" ? "CONFIRMED" : "CANCELLED",
    );
    if (claim.kind !== "claimed") {
      await ctx.answerCallbackQuery({ text: ctx.t(`imports.bot.claim.${claim.kind}`), show_alert: true });
      return;
    }
    if (decision.decision === "no") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("imports.bot.cancelled", { fileName: claim.pending.fileName }), {
        parse_mode: "HTML",
      });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("imports.bot.importing") });
    await ctx.editMessageReplyMarkup();
    const report = await runConfirmedImport(ctx, deps, claim.pending, actor.personId).catch(
      async (error: unknown) => {
        // A failure (Telegram, the database) must not leave the request looking confirmed and done.
        await deps.pendingImports.finish(claim.pending.id, { failed: true });
        throw error;
      },
    );
    const batchId = report.files[0]?.result?.batchId;
    if (report.committed && batchId) {
      await deps.pendingImports.finish(claim.pending.id, { importBatchId: batchId });
      await ctx.editMessageText(committedText(ctx, report, deps.timeZone), { parse_mode: "HTML" });
    } else {
      await deps.pendingImports.finish(claim.pending.id, { failed: true });
      await ctx.editMessageText(ctx.t("imports.bot.refusedOnConfirm"), { parse_mode: "HTML" });
      await replyWithErrors(ctx, report, deps.timeZone);
    }
  });

  return feature;
}

async function runConfirmedImport(
  ctx: BotContext,
  deps: AdminImportDeps,
  pending: PendingImportRecord,
  actorId: number,
): Promise<ImportReport> {
  const bytes = await deps.download(ctx, pending.telegramFileId);
  return deps.imports.commit([{ fileName: pending.fileName, bytes }], {
    ...toImportOptions(pending.options),
    createUnknownUnits: true,
    source: "BOT",
    actorId,
  });
}

function toImportOptions(options: PendingImportOptions): ImportOptions {
  return {
    ...(options.period ? { period: options.period } : {}),
    ...(options.asOf ? { asOf: new Date(options.asOf) } : {}),
  };
}

function tooBig(ctx: BotContext, document: Document): string {
  const megabytes = (document.file_size ?? 0) / 1024 / 1024;
  return ctx.t("imports.bot.tooBig", {
    size: formatNumber(ctx.locale, megabytes, { fractionDigits: 1 }),
    limit: formatNumber(ctx.locale, MAX_DOWNLOAD_BYTES / 1024 / 1024),
  });
}

function previewText(ctx: BotContext, report: ImportReport, timeZone: string): string {
  const lines = [ctx.t("imports.bot.previewTitle")];
  for (const file of report.files) lines.push(...describeFile(ctx.t, ctx.locale, timeZone, file));
  lines.push("", ctx.t("imports.bot.confirmPrompt"));
  return lines.join("\n");
}

function committedText(ctx: BotContext, report: ImportReport, timeZone: string): string {
  const lines = [ctx.t("imports.bot.committedTitle")];
  for (const file of report.files) {
    lines.push(...describeFile(ctx.t, ctx.locale, timeZone, file, { committed: true }));
    if (file.result?.unitsCreated)
      lines.push(ctx.t("imports.bot.unitsCreated", { count: file.result.unitsCreated }));
  }
  return lines.join("\n");
}

/** The first errors in the chat, the whole list as a CSV file. */
async function replyWithErrors(ctx: BotContext, report: ImportReport, timeZone: string) {
  const errors = report.files.flatMap((file) => file.errors);
  const lines = [ctx.t("imports.bot.rejectedTitle", { count: errors.length })];
  for (const file of report.files) lines.push(...describeFile(ctx.t, ctx.locale, timeZone, file));
  lines.push("", ...errors.slice(0, SHOWN_ERRORS).map((error) => `• ${describeError(ctx.t, error)}`));
  if (errors.length > SHOWN_ERRORS)
    lines.push(ctx.t("imports.bot.moreErrorsInFile", { count: errors.length - SHOWN_ERRORS }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  if (errors.length === 0) return;
  const csv = [
    ["row", "column", "value", "message"],
    ...errors.map((error) => [
      String(error.row ?? ""),
      error.column ?? "",
      error.value ?? "",
      describeError(ctx.t, { ...error, row: null, column: null, value: null }, { html: false }),
    ]),
  ]
    .map((cells) => cells.map(csvCell).join(","))
    .join("\r\n");
  await ctx.replyWithDocument(new InputFile(Buffer.from(`\uFEFF${csv}`, "utf8"), "import-errors.csv"));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
