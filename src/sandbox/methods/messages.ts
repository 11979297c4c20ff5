import type { Message } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { MethodHandler, SandboxCore } from "../core.js";
import type { ApiParams } from "../request.js";
import { assertCaption, assertMessageText } from "../telegram-limits.js";
import type { AnyReplyMarkup } from "../types.js";
import { type ChatMessage, compact, type StoredMessage } from "../world.js";
import {
  answerMessage,
  appendBotMessage,
  formatText,
  inlineKeyboardOf,
  replyMarkupParam,
  requireChat,
  sameJson,
} from "./shared.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

export const sendMessage: MethodHandler = (core, params) => {
  const record = requireChat(core, params);
  const parseMode = params.string("parse_mode");
  const formatted = formatText(params.string("text") ?? "", parseMode, params.json("entities"));
  assertMessageText(formatted.text);
  return appendBotMessage(
    core,
    record,
    params,
    { text: formatted.text, entities: formatted.entities },
    { parseMode },
  );
};

/** The bot message an edit targets; inline messages do not exist in the sandbox. */
function editTarget(core: SandboxCore, params: ApiParams): StoredMessage {
  if (params.has("inline_message_id")) throw badRequest("MESSAGE_ID_INVALID");
  const record = requireChat(core, params);
  const messageId = params.integer("message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const stored = record.messages.get(messageId);
  if (stored === undefined) throw badRequest("message to edit not found");
  if (!stored.fromBot) throw badRequest("message can't be edited");
  return stored;
}

/** After an edit the inline keyboard is whatever the edit sent; a reply keyboard stays as it was. */
function markupAfterEdit(
  stored: StoredMessage,
  markup: AnyReplyMarkup | undefined,
): AnyReplyMarkup | undefined {
  if (markup !== undefined) return markup;
  return inlineKeyboardOf(stored.replyMarkup) === undefined ? stored.replyMarkup : undefined;
}

type EditableContent = Pick<Message, "text" | "entities" | "caption" | "caption_entities">;

function applyEdit(
  core: SandboxCore,
  stored: StoredMessage,
  content: EditableContent,
  markup: AnyReplyMarkup | undefined,
  parseMode: string | undefined,
): ChatMessage {
  const { entities: _e, caption_entities: _c, reply_markup: _r, ...base } = stored.message;
  const next: ChatMessage = compact({ ...base, ...content, reply_markup: inlineKeyboardOf(markup) });
  if (sameContent(stored.message, next)) throw badRequest(NOT_MODIFIED);
  core.world.replaceMessage(stored, next, { parseMode, replyMarkup: markupAfterEdit(stored, markup) });
  return answerMessage(stored);
}

function sameContent(before: Message, after: Message): boolean {
  return (
    before.text === after.text &&
    before.caption === after.caption &&
    sameJson(before.entities, after.entities) &&
    sameJson(before.caption_entities, after.caption_entities) &&
    sameJson(before.reply_markup, after.reply_markup)
  );
}

export const editMessageText: MethodHandler = (core, params) => {
  const stored = editTarget(core, params);
  if (stored.message.text === undefined) throw badRequest("there is no text in the message to edit");
  const parseMode = params.string("parse_mode");
  const formatted = formatText(params.string("text") ?? "", parseMode, params.json("entities"));
  assertMessageText(formatted.text);
  const markup = replyMarkupParam(params);
  return applyEdit(core, stored, { text: formatted.text, entities: formatted.entities }, markup, parseMode);
};

export const editMessageCaption: MethodHandler = (core, params) => {
  const stored = editTarget(core, params);
  if (stored.message.text !== undefined) throw badRequest("there is no caption in the message to edit");
  const parseMode = params.string("parse_mode");
  const formatted = formatText(params.string("caption") ?? "", parseMode, params.json("caption_entities"));
  assertCaption(formatted.text);
  const markup = replyMarkupParam(params);
  const content = { caption: formatted.text || undefined, caption_entities: formatted.entities };
  return applyEdit(core, stored, content, markup, parseMode);
};

export const editMessageReplyMarkup: MethodHandler = (core, params) => {
  const stored = editTarget(core, params);
  const { entities, caption_entities } = stored.message;
  const markup = replyMarkupParam(params);
  return applyEdit(core, stored, { entities, caption_entities }, markup, stored.parseMode);
};

export const deleteMessage: MethodHandler = (core, params) => {
  const record = requireChat(core, params);
  const messageId = params.integer("message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const stored = record.messages.get(messageId);
  if (stored === undefined) throw badRequest("message to delete not found");
  const botIsAdmin = ["creator", "administrator"].includes(
    core.world.memberStatus(record, core.world.bot.id),
  );
  if (record.kind === "group" && !stored.fromBot && !botIsAdmin) throw badRequest("message can't be deleted");
  record.messages.delete(messageId);
  return true;
};

export const answerCallbackQuery: MethodHandler = (core, params) => {
  const id = params.string("callback_query_id") ?? "";
  if (core.world.callbackQueries.get(id) !== false) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  core.world.callbackQueries.set(id, true);
  return true;
};

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export const sendChatAction: MethodHandler = (core, params) => {
  requireChat(core, params);
  if (!CHAT_ACTIONS.has(params.string("action") ?? "")) throw badRequest("wrong parameter action in request");
  return true;
};
