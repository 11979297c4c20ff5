import type {
  ForceReply,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  Update,
  User,
} from "grammy/types";

export interface SandboxOptions {
  /** Bot token; the part before ":" becomes the bot's user id. Default "123456:SANDBOX". */
  token?: string;
  /** Default "dondoc_bot". */
  botUsername?: string;
  /** Default "Dondoc". */
  botFirstName?: string;
  /** Enforce Telegram's flood limits (429 answers). Default false. */
  floodLimits?: boolean;
  /** Multiplies every flood-limit rate (not the burst), e.g. 10 for a benchmark. Default 1. */
  floodScale?: number;
  /** Upper bound for getUpdates' `timeout`, in seconds. Default 50, as Telegram. */
  longPollMaxSeconds?: number;
  /**
   * Telegram's group privacy mode: in groups where the bot is not an administrator it receives
   * only commands, replies to its own messages and mentions of it. Default true, as a new bot.
   */
  privacyMode?: boolean;
  /** Pauses before re-delivering a webhook update that failed; its length is the number of retries. Default [50, 200, 500]. */
  webhookRetryDelaysMs?: readonly number[];
}

export type MemberStatus = "creator" | "administrator" | "member";

export interface SandboxUserInit {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface GroupInit {
  /** Negative; ids below -1000000000000 make a supergroup, others a basic group. */
  id: number;
  title: string;
}

export interface GroupMemberInit {
  /** A user added with addUser, or the bot's own id. */
  userId: number;
  status: MemberStatus;
}

export interface SendTextOptions {
  /** Default: the private chat with the sender. */
  chatId?: number;
  /** Makes the message a reply to this message of the same chat. */
  replyToMessageId?: number;
}

export interface UploadDocumentInput {
  fileName: string;
  content: Buffer;
  mimeType?: string;
  caption?: string;
}

export interface ChatTarget {
  /** Default: the private chat with the sender. */
  chatId?: number;
}

/** Every reply markup a bot may attach to a sent message. */
export type AnyReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

export interface RecordedCall {
  /** As the bot spelled it in the URL. */
  method: string;
  /** Parsed JSON or form fields; uploaded files appear as `{ fileName, size }`. */
  payload: Record<string, unknown>;
  /** When the request arrived. */
  at: Date;
  ok: boolean;
  result?: unknown;
  errorCode?: number;
  description?: string;
}

export interface SandboxMessage {
  messageId: number;
  chatId: number;
  /** The text after entity parsing (HTML tags removed, entities decoded). */
  text?: string;
  caption?: string;
  parseMode?: string;
  entities?: MessageEntity[];
  replyMarkup?: AnyReplyMarkup;
  replyToMessageId?: number;
  document?: { fileId: string; fileName: string; mimeType?: string; content: Buffer };
  photo?: { fileId: string; content: Buffer };
  date: Date;
  editDate?: Date;
  /** The Bot API object as Telegram would return it now. */
  message: Message;
}

/** A user the tests act as; the same actions as on BotApiSandbox, bound to this user. */
export interface SandboxUser {
  readonly id: number;
  /** The user as it appears in `from`. */
  readonly user: User;
  /** The id of the private chat with the bot (equal to the user id). */
  readonly chatId: number;
  sendText(text: string, options?: SendTextOptions): Update;
  pressButton(messageId: number, data: string, options?: ChatTarget): Update;
  uploadDocument(file: UploadDocumentInput, options?: ChatTarget): Update;
  /** Bot messages currently in the private chat. */
  messages(): SandboxMessage[];
  waitForBotMessage(predicate?: (m: SandboxMessage) => boolean, timeoutMs?: number): Promise<SandboxMessage>;
}
