import { randomBytes } from "node:crypto";
import type { BotCommand, Chat, Message, Update, User } from "grammy/types";
import { chatNotFound } from "./api-error.js";
import type {
  AnyReplyMarkup,
  GroupInit,
  GroupMemberInit,
  MemberStatus,
  SandboxMessage,
  SandboxUserInit,
} from "./types.js";

export type SandboxChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

/** A message in a private chat or group, where `from` is always set. */
export type ChatMessage = Message & Update.NonChannel;

export interface StoredMessage {
  /** The Bot API object as it is now (edits applied). */
  message: ChatMessage;
  fromBot: boolean;
  parseMode?: string;
  replyMarkup?: AnyReplyMarkup;
  fileId?: string;
}

export interface ChatRecord {
  chat: SandboxChat;
  kind: "private" | "group";
  /** Group members by user id; the bot is a "member" unless listed otherwise. */
  members: Map<number, MemberStatus>;
  messages: Map<number, StoredMessage>;
  nextMessageId: number;
  chatInstance: string;
}

export type FileKind = "document" | "photo";

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  kind: FileKind;
  fileName: string;
  mimeType?: string;
  content: Buffer;
  filePath: string;
}

/** Removes keys whose value is undefined, so objects look exactly like Telegram's JSON. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const randomToken = (bytes: number): string => randomBytes(bytes).toString("base64url");

const unixNow = (): number => Math.floor(Date.now() / 1000);

/** Users, chats, messages and files: everything the sandboxed Telegram knows. */
export class SandboxWorld {
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  /** By `commandsKey(scope, language)`. */
  readonly commands = new Map<string, BotCommand[]>();
  readonly descriptions = new Map<string, string>();
  /** Callback query id to whether it has been answered. */
  readonly callbackQueries = new Map<string, boolean>();
  private fileCounter = 0;
  private callbackCounter = 0;

  constructor(
    readonly bot: User,
    private readonly onBotMessage: (stored: StoredMessage) => void,
  ) {}

  addUser(init: SandboxUserInit): User {
    if (!Number.isSafeInteger(init.id) || init.id <= 0)
      throw new Error(`user id must be a positive integer: ${init.id}`);
    if (this.users.has(init.id) || this.chats.has(init.id))
      throw new Error(`user ${init.id} was already added`);
    const user: User = compact({
      id: init.id,
      is_bot: false,
      first_name: init.first_name,
      last_name: init.last_name,
      username: init.username,
      language_code: init.language_code,
    });
    this.users.set(user.id, user);
    const chat: Chat.PrivateChat = compact({
      id: user.id,
      type: "private",
      first_name: user.first_name,
      last_name: user.last_name,
      username: user.username,
    });
    this.chats.set(user.id, this.newChatRecord(chat, "private"));
    return user;
  }

  addGroup(init: GroupInit, members: readonly GroupMemberInit[] = []): void {
    if (!Number.isSafeInteger(init.id) || init.id >= 0)
      throw new Error(`group id must be a negative integer: ${init.id}`);
    if (this.chats.has(init.id)) throw new Error(`chat ${init.id} was already added`);
    const chat: SandboxChat =
      init.id < -1_000_000_000_000
        ? { id: init.id, type: "supergroup", title: init.title }
        : { id: init.id, type: "group", title: init.title };
    const record = this.newChatRecord(chat, "group");
    for (const member of members) {
      if (member.userId !== this.bot.id) this.userForTest(member.userId);
      record.members.set(member.userId, member.status);
    }
    this.chats.set(init.id, record);
  }

  /** For API calls: unknown chats, and any "@username" (nobody here has one), are "chat not found". */
  chatForApi(chatId: number | string | undefined): ChatRecord {
    const record = typeof chatId === "number" ? this.chats.get(chatId) : undefined;
    if (record === undefined) throw chatNotFound();
    return record;
  }

  /** For the test driver: a mistake in the test, so a plain Error that says what to do. */
  chatForTest(chatId: number): ChatRecord {
    const record = this.chats.get(chatId);
    if (record === undefined)
      throw new Error(`unknown chat ${chatId}: add it with addUser() or addGroup() first`);
    return record;
  }

  userForTest(userId: number): User {
    const user = this.users.get(userId);
    if (user === undefined) throw new Error(`unknown user ${userId}: add it with addUser() first`);
    return user;
  }

  memberStatus(record: ChatRecord, userId: number): MemberStatus | "left" {
    if (record.kind === "private")
      return record.chat.id === userId || userId === this.bot.id ? "member" : "left";
    return record.members.get(userId) ?? (userId === this.bot.id ? "member" : "left");
  }

  appendMessage(
    record: ChatRecord,
    build: (messageId: number, date: number) => ChatMessage,
    meta: Omit<StoredMessage, "message">,
  ): StoredMessage {
    const messageId = record.nextMessageId++;
    const stored: StoredMessage = { ...meta, message: build(messageId, unixNow()) };
    record.messages.set(messageId, stored);
    if (stored.fromBot) this.onBotMessage(stored);
    return stored;
  }

  /** Applies an edit to a stored bot message and tells the observers. */
  replaceMessage(
    stored: StoredMessage,
    message: ChatMessage,
    changes: Partial<Omit<StoredMessage, "message">>,
  ): void {
    Object.assign(stored, changes, { message: { ...message, edit_date: unixNow() } });
    if (stored.fromBot) this.onBotMessage(stored);
  }

  storeFile(kind: FileKind, fileName: string, content: Buffer, mimeType?: string): StoredFile {
    const n = ++this.fileCounter;
    const extension = kind === "photo" ? "jpg" : (/\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1] ?? "");
    const file: StoredFile = compact({
      fileId: `${kind === "photo" ? "AgAC" : "BQAC"}AgIAAxkBAAI${n.toString(36)}${randomToken(18)}`,
      fileUniqueId: `AgAD${n.toString(36)}${randomToken(4)}`,
      kind,
      fileName,
      mimeType: mimeType ?? (kind === "document" ? guessMimeType(fileName) : undefined),
      content,
      filePath: `${kind === "photo" ? "photos" : "documents"}/file_${n}${extension ? `.${extension}` : ""}`,
    });
    this.files.set(file.fileId, file);
    this.filesByPath.set(file.filePath, file);
    return file;
  }

  newCallbackQueryId(): string {
    const id = `${this.bot.id}${(++this.callbackCounter).toString().padStart(9, "0")}`;
    this.callbackQueries.set(id, false);
    return id;
  }

  botMessages(record: ChatRecord): SandboxMessage[] {
    return [...record.messages.values()].filter((m) => m.fromBot).map((m) => this.toSandboxMessage(m));
  }

  /** A snapshot: later edits do not change it, and changing it does not change the chat. */
  toSandboxMessage(stored: StoredMessage): SandboxMessage {
    const m = structuredClone(stored.message);
    const file = stored.fileId === undefined ? undefined : this.files.get(stored.fileId);
    return compact({
      messageId: m.message_id,
      chatId: m.chat.id,
      text: m.text,
      caption: m.caption,
      parseMode: stored.parseMode,
      entities: m.entities ?? m.caption_entities,
      replyMarkup: structuredClone(stored.replyMarkup),
      replyToMessageId: m.reply_to_message?.message_id,
      document:
        m.document && file
          ? compact({
              fileId: file.fileId,
              fileName: file.fileName,
              mimeType: file.mimeType,
              content: file.content,
            })
          : undefined,
      photo: m.photo && file ? { fileId: file.fileId, content: file.content } : undefined,
      date: new Date(m.date * 1000),
      editDate: m.edit_date === undefined ? undefined : new Date(m.edit_date * 1000),
      message: m,
    });
  }

  private newChatRecord(chat: SandboxChat, kind: ChatRecord["kind"]): ChatRecord {
    return {
      chat,
      kind,
      members: new Map(),
      messages: new Map(),
      nextMessageId: 1,
      chatInstance: randomToken(12),
    };
  }
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  zip: "application/zip",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

export function guessMimeType(fileName: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return MIME_TYPES[extension] ?? "application/octet-stream";
}

export const commandsKey = (scope: string, languageCode: string): string => `${scope}|${languageCode}`;
