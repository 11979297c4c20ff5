// What users do, turned into the updates Telegram would send the bot.
import type { Message, MessageEntity, Update, User } from "grammy/types";
import type { SandboxCore } from "./core.js";
import { documentOf } from "./methods/files.js";
import { inlineKeyboardOf, type ReplyMessage, withoutNestedReply } from "./methods/shared.js";
import type { SendTextOptions, UploadDocumentInput } from "./types.js";
import { type ChatMessage, type ChatRecord, compact, type StoredMessage } from "./world.js";

const COMMAND = /(?<!\S)\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])/g;
const MENTION = /(?<!\S)@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])/g;

/** The entities Telegram's clients mark in what a user types: bot commands and @mentions. */
export function userEntities(text: string): MessageEntity[] {
  const found = [...text.matchAll(COMMAND)].map(
    (m): MessageEntity => ({ type: "bot_command", offset: m.index, length: m[0].length }),
  );
  const mentions = [...text.matchAll(MENTION)].map(
    (m): MessageEntity => ({ type: "mention", offset: m.index, length: m[0].length }),
  );
  return [...found, ...mentions].sort((a, b) => a.offset - b.offset);
}

/** The chat a user acts in; joining a group on first use keeps tests short. */
function chatOfUser(core: SandboxCore, user: User, chatId: number | undefined): ChatRecord {
  const record = core.world.chatForTest(chatId ?? user.id);
  if (record.kind === "private" && record.chat.id !== user.id) {
    throw new Error(`user ${user.id} cannot act in the private chat of user ${record.chat.id}`);
  }
  if (record.kind === "group" && !record.members.has(user.id)) record.members.set(user.id, "member");
  return record;
}

function replyTo(record: ChatRecord, messageId: number | undefined): ReplyMessage | undefined {
  if (messageId === undefined) return undefined;
  const target = record.messages.get(messageId);
  if (target === undefined) throw new Error(`no message ${messageId} in chat ${record.chat.id} to reply to`);
  return withoutNestedReply(target.message);
}

/**
 * Group privacy mode: unless it is an administrator, the bot sees only commands (not those
 * addressed to another bot), replies to its own messages and messages that mention it.
 */
function botSees(core: SandboxCore, record: ChatRecord, message: Message): boolean {
  if (record.kind === "private" || !core.settings.privacyMode) return true;
  const status = core.world.memberStatus(record, core.world.bot.id);
  if (status === "creator" || status === "administrator") return true;
  if (message.reply_to_message?.from?.id === core.world.bot.id) return true;
  const text = message.text ?? message.caption ?? "";
  const entities = message.entities ?? message.caption_entities ?? [];
  const botName = `@${core.botInfo.username}`.toLowerCase();
  return entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === "mention") return part === botName;
    return e.type === "bot_command" && (!part.includes("@") || part.endsWith(botName));
  });
}

function deliverMessage(core: SandboxCore, record: ChatRecord, stored: StoredMessage): Update {
  const message = structuredClone(stored.message);
  if (!botSees(core, record, message)) return { update_id: 0, message };
  return core.enqueue((update_id) => ({ update_id, message }));
}

/** A message a user writes in the chat, stored there and delivered to the bot if it would see it. */
function postUserMessage(
  core: SandboxCore,
  record: ChatRecord,
  from: User,
  content: Partial<ChatMessage>,
  fileId?: string,
): Update {
  const stored = core.world.appendMessage(
    record,
    (message_id, date): ChatMessage =>
      compact({ message_id, from, chat: record.chat, date, ...content } as ChatMessage),
    fileId ? { fromBot: false, fileId } : { fromBot: false },
  );
  return deliverMessage(core, record, stored);
}

export function injectText(
  core: SandboxCore,
  fromUserId: number,
  text: string,
  options: SendTextOptions = {},
): Update {
  const from = core.world.userForTest(fromUserId);
  const record = chatOfUser(core, from, options.chatId);
  const entities = userEntities(text);
  const reply = replyTo(record, options.replyToMessageId);
  return postUserMessage(core, record, from, {
    reply_to_message: reply,
    text,
    entities: entities.length > 0 ? entities : undefined,
  });
}

export function injectDocument(
  core: SandboxCore,
  fromUserId: number,
  input: UploadDocumentInput,
  chatId: number | undefined,
): Update {
  const from = core.world.userForTest(fromUserId);
  const record = chatOfUser(core, from, chatId);
  const file = core.world.storeFile("document", input.fileName, input.content, input.mimeType);
  const entities = input.caption === undefined ? [] : userEntities(input.caption);
  return postUserMessage(
    core,
    record,
    from,
    {
      document: documentOf(file),
      caption: input.caption,
      caption_entities: entities.length > 0 ? entities : undefined,
    },
    file.fileId,
  );
}

export function injectButtonPress(
  core: SandboxCore,
  fromUserId: number,
  chatId: number,
  messageId: number,
  data: string,
): Update {
  const from = core.world.userForTest(fromUserId);
  const record = chatOfUser(core, from, chatId);
  const stored = record.messages.get(messageId);
  if (stored === undefined || !stored.fromBot) {
    throw new Error(`pressButton: chat ${chatId} has no bot message ${messageId}`);
  }
  const buttons = inlineKeyboardOf(stored.replyMarkup)?.inline_keyboard.flat() ?? [];
  if (!buttons.some((b) => "callback_data" in b && b.callback_data === data)) {
    const offered = buttons.flatMap((b) => ("callback_data" in b ? [JSON.stringify(b.callback_data)] : []));
    throw new Error(
      `pressButton: message ${messageId} in chat ${chatId} has no button with callback_data ${JSON.stringify(data)}; ` +
        `its buttons carry ${offered.length > 0 ? offered.join(", ") : "no callback data"}`,
    );
  }
  const id = core.world.newCallbackQueryId();
  const message = structuredClone(stored.message);
  return core.enqueue((update_id) => ({
    update_id,
    callback_query: { id, from, message, chat_instance: record.chatInstance, data },
  }));
}
