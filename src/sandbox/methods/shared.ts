import type { InlineKeyboardMarkup, Message, MessageEntity } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { SandboxCore } from "../core.js";
import type { ApiParams } from "../request.js";
import { EntityParseError, parseTelegramHtml } from "../telegram-html.js";
import { assertReplyMarkup } from "../telegram-limits.js";
import type { AnyReplyMarkup } from "../types.js";
import { type ChatMessage, type ChatRecord, compact, type StoredMessage } from "../world.js";

export interface FormattedText {
  text: string;
  entities?: MessageEntity[];
}

const PARSE_MODES = new Set(["html", "markdownv2", "markdown"]);

/**
 * Applies parse_mode (case-insensitive, as in the Bot API server), then trims surrounding
 * whitespace as Telegram does. Only HTML is parsed; Markdown modes pass the text through
 * unchanged (the project sends HTML), so their lengths count the markup characters too.
 */
export function formatText(text: string, parseMode: string | undefined, entities: unknown): FormattedText {
  return trimFormatted(parse(text, parseMode, entities));
}

function parse(text: string, parseMode: string | undefined, entities: unknown): FormattedText {
  if (parseMode === undefined || parseMode === "") {
    return { text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : undefined };
  }
  const mode = parseMode.toLowerCase();
  if (!PARSE_MODES.has(mode)) throw badRequest("unsupported parse_mode");
  if (mode !== "html") return { text };
  try {
    return parseTelegramHtml(text);
  } catch (error) {
    if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
}

const isTrimmed = (c: string | undefined): boolean => c !== undefined && c.charCodeAt(0) <= 0x20;

/** Drops leading and trailing whitespace and control characters, moving and clipping entities to match. */
export function trimFormatted({ text, entities = [] }: FormattedText): FormattedText {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmed(text[start])) start++;
  while (end > start && isTrimmed(text[end - 1])) end--;
  const kept = entities
    .map((e) => {
      const from = Math.max(e.offset, start);
      const to = Math.min(e.offset + e.length, end);
      return { ...e, offset: from - start, length: to - from };
    })
    .filter((e) => e.length > 0);
  return kept.length > 0
    ? { text: text.slice(start, end), entities: kept }
    : { text: text.slice(start, end) };
}

export function requireChat(core: SandboxCore, params: ApiParams): ChatRecord {
  const chatId = params.chatId();
  if (chatId === undefined) throw badRequest("chat_id is empty");
  return core.world.chatForApi(chatId);
}

export function replyMarkupParam(params: ApiParams): AnyReplyMarkup | undefined {
  const markup = params.json("reply_markup");
  if (markup === undefined) return undefined;
  if (typeof markup !== "object" || markup === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  assertReplyMarkup(markup);
  return markup as AnyReplyMarkup;
}

/** Only inline keyboards become part of the message; other markups act on the user's keyboard. */
export function inlineKeyboardOf(markup: AnyReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup !== undefined && "inline_keyboard" in markup ? markup : undefined;
}

/** The message a new message replies to (reply_parameters, or the older reply_to_message_id). */
export function replyTarget(record: ChatRecord, params: ApiParams): ReplyMessage | undefined {
  const parameters = params.json("reply_parameters") as
    | { message_id?: unknown; allow_sending_without_reply?: unknown }
    | undefined;
  const messageId = parameters?.message_id ?? params.integer("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const target = typeof messageId === "number" ? record.messages.get(messageId) : undefined;
  if (target !== undefined) return withoutNestedReply(target.message);
  const allowMissing =
    parameters?.allow_sending_without_reply ?? params.boolean("allow_sending_without_reply");
  if (allowMissing === true) return undefined;
  throw badRequest("message to be replied not found");
}

export type ReplyMessage = Message & { reply_to_message: undefined };

/** Telegram does not nest reply_to_message inside reply_to_message. */
export function withoutNestedReply(message: Message): ReplyMessage {
  return { ...structuredClone(message), reply_to_message: undefined };
}

/**
 * What every send* method does once its own content is checked: reply markup and reply target
 * read, flood limits applied, the message stored in the chat, a copy answered.
 */
export function appendBotMessage(
  core: SandboxCore,
  record: ChatRecord,
  params: ApiParams,
  content: Partial<ChatMessage>,
  meta: { parseMode: string | undefined; fileId?: string },
): ChatMessage {
  const markup = replyMarkupParam(params);
  const replyTo = replyTarget(record, params);
  core.admitMessage(record);
  const stored = core.world.appendMessage(
    record,
    (message_id, date): ChatMessage =>
      compact({
        message_id,
        from: core.world.bot,
        chat: record.chat,
        date,
        reply_to_message: replyTo,
        ...content,
        reply_markup: inlineKeyboardOf(markup),
      } as ChatMessage),
    {
      fromBot: true,
      parseMode: meta.parseMode,
      replyMarkup: markup,
      ...(meta.fileId ? { fileId: meta.fileId } : {}),
    },
  );
  return answerMessage(stored);
}

/** Sent or edited bot messages go back to the bot as copies, so later edits do not change them. */
export const answerMessage = (stored: StoredMessage): ChatMessage => structuredClone(stored.message);

/** Compares JSON values regardless of key order, as Telegram compares message content. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
