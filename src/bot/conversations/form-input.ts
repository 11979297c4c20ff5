// One question of a form and what came back: a text, a file, a press of the form's own
// buttons (Cancel, Skip, a choice, Confirm). Other buttons go on to the features that own
// them (the form keeps waiting); a command leaves the form and runs. Forms only collect
// input: every read and write of data is a `conversation.external` of the caller.
import type { Conversation } from "@grammyjs/conversations";
import type { Context, InlineKeyboard } from "grammy";
import type { ApologyScan } from "../../domain/dossier-answers.js";
import {
  formCancelData,
  formChoiceData,
  formConfirmData,
  formSkipData,
} from "../callback-data/dossier-actions.js";
import type { BotContext } from "../context.js";

export type FormConversation = Conversation<BotContext, Context>;

export type FormAnswer =
  | { kind: "text"; text: string }
  | { kind: "file"; scan: Omit<ApologyScan, "sha256">; fileName: string | null; mimeType: string | null }
  | { kind: "choice"; value: string }
  | { kind: "skip" }
  | { kind: "confirm" }
  | { kind: "cancel" };

/** How long a form waits for the next answer before it ends by itself. */
export const FORM_TIMEOUT_MS = 30 * 60 * 1000;

export async function ask(
  conversation: FormConversation,
  ctx: Context,
  text: string,
  keyboard: InlineKeyboard,
): Promise<FormAnswer> {
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  return answerOf(conversation, await conversation.wait({ maxMilliseconds: FORM_TIMEOUT_MS }));
}

async function answerOf(conversation: FormConversation, next: Context): Promise<FormAnswer> {
  const data = next.callbackQuery?.data;
  if (data !== undefined) {
    const answer = buttonAnswer(data);
    if (!answer) return conversation.skip({ next: true });
    await next.answerCallbackQuery();
    return answer;
  }
  const message = next.message;
  if (!message) return conversation.skip({ next: true });
  if (message.text !== undefined) {
    if (/^\/cancel(@\w+)?$/i.test(message.text.trim())) return { kind: "cancel" };
    if (message.text.startsWith("/")) return conversation.halt({ next: true });
    return { kind: "text", text: message.text };
  }
  const photo = message.photo?.at(-1);
  if (photo)
    return {
      kind: "file",
      scan: { kind: "PHOTO", telegramFileId: photo.file_id, sizeBytes: photo.file_size ?? null },
      fileName: null,
      mimeType: "image/jpeg",
    };
  const document = message.document;
  if (document)
    return {
      kind: "file",
      scan: { kind: "DOCUMENT", telegramFileId: document.file_id, sizeBytes: document.file_size ?? null },
      fileName: document.file_name ?? null,
      mimeType: document.mime_type ?? null,
    };
  return { kind: "text", text: "" };
}

function buttonAnswer(data: string): FormAnswer | null {
  if (formCancelData.unpack(data)) return { kind: "cancel" };
  if (formSkipData.unpack(data)) return { kind: "skip" };
  if (formConfirmData.unpack(data)) return { kind: "confirm" };
  const choice = formChoiceData.unpack(data);
  return choice ? { kind: "choice", value: choice.value } : null;
}
