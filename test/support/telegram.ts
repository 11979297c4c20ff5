// Drives a grammY bot through bot.handleUpdate with a stubbed transport that records every
// Bot API call and answers as Telegram would.
import type { Message, Update, User, UserFromGetMe } from "grammy/types";

export const BOT_INFO: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: "Dondoc",
  username: "dondoc_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} as UserFromGetMe;

export const TEST_TOKEN = "7000000001:TEST-token-that-is-long-enough";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** What the stub answered, e.g. the Message a sendMessage created. */
  result: unknown;
}

export class ApiRecorder {
  readonly calls: RecordedCall[] = [];
  /** What getChatMember answers for a user id (default "member"). */
  readonly chatMemberStatus = new Map<number, string>();
  private nextMessageId = 100;

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = await parseBody(init?.body);
    const result = this.resultFor(method, payload);
    this.calls.push({ method, payload, result });
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;

  /** Calls of one method, e.g. every sendMessage. */
  of(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The texts the bot sent or edited, in order. */
  texts(): string[] {
    return this.calls
      .filter((call) => call.method === "sendMessage" || call.method === "editMessageText")
      .map((call) => String(call.payload.text));
  }

  lastText(): string {
    const texts = this.texts();
    const last = texts.at(-1);
    if (last === undefined)
      throw new Error(`the bot sent no text; calls: ${this.calls.map((c) => c.method).join(", ")}`);
    return last;
  }

  reset(): void {
    this.calls.length = 0;
  }

  /** The alerts shown on button presses (answerCallbackQuery with show_alert). */
  alerts(): string[] {
    return this.of("answerCallbackQuery")
      .filter((call) => call.payload.show_alert === true)
      .map((call) => String(call.payload.text));
  }

  private resultFor(method: string, payload: Record<string, unknown>): unknown {
    if (method === "getMe") return BOT_INFO;
    if (method === "getChatMember") {
      const userId = Number(payload.user_id);
      return {
        status: this.chatMemberStatus.get(userId) ?? "member",
        user: { id: userId, is_bot: false, first_name: "User" },
      };
    }
    if (method.startsWith("send") && method !== "sendChatAction") {
      return {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(payload.chat_id), type: Number(payload.chat_id) > 0 ? "private" : "supergroup" },
        from: BOT_INFO,
        ...(typeof payload.text === "string" ? { text: payload.text } : {}),
      };
    }
    if (method === "editMessageText") {
      return {
        message_id: Number(payload.message_id),
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(payload.chat_id), type: "private" },
        text: payload.text,
      };
    }
    return true;
  }
}

async function parseBody(body: unknown): Promise<Record<string, unknown>> {
  if (typeof body === "string") return JSON.parse(body) as Record<string, unknown>;
  if (body == null) return {};
  const bytes = Buffer.from(
    await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer(),
  );
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { multipart: text, multipartBytes: bytes };
  }
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG picture inside a recorded multipart upload (sendPhoto), or null. */
export function uploadedPng(call: RecordedCall): Buffer | null {
  const bytes = call.payload.multipartBytes;
  if (!Buffer.isBuffer(bytes)) return null;
  const start = bytes.indexOf(PNG_MAGIC);
  const end = bytes.indexOf(Buffer.from("IEND"), start);
  if (start < 0 || end < 0) return null;
  return bytes.subarray(start, end + 8);
}

let updateId = 1;
let messageId = 1;

export function telegramUser(id: number, languageCode = "vi", firstName = "Lan"): User {
  return { id, is_bot: false, first_name: firstName, language_code: languageCode };
}

function privateMessage(from: User, text: string): Message {
  return {
    message_id: messageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: from.id, type: "private", first_name: from.first_name },
    from,
    text,
  } as Message;
}

/** A text message in the user's private chat; a leading /command gets its entity. */
export function textUpdate(from: User, text: string, chat?: { id: number; title: string }): Update {
  const message = chat
    ? ({
        ...privateMessage(from, text),
        chat: { id: chat.id, type: "supergroup", title: chat.title },
      } as Message)
    : privateMessage(from, text);
  if (text.startsWith("/")) {
    const length = text.split(/\s/)[0]?.length ?? text.length;
    message.entities = [{ type: "bot_command", offset: 0, length }];
  }
  return { update_id: updateId++, message } as Update;
}

/** A button press on a message the bot sent to this user (or to a group). */
export function callbackUpdate(
  from: User,
  data: string,
  onMessage?: { messageId: number; text?: string },
  chat?: { id: number; title: string },
): Update {
  const message = {
    message_id: onMessage?.messageId ?? 100,
    date: Math.floor(Date.now() / 1000),
    chat: chat
      ? { id: chat.id, type: "supergroup", title: chat.title }
      : { id: from.id, type: "private", first_name: from.first_name },
    from: BOT_INFO,
    text: onMessage?.text ?? "menu",
  } as Message;
  return {
    update_id: updateId++,
    callback_query: { id: String(updateId), from, chat_instance: "1", data, message },
  } as Update;
}

/** The bot's own membership in a group changed (e.g. it was removed). */
export function myChatMemberUpdate(from: User, chat: { id: number; title: string }, status: string): Update {
  return {
    update_id: updateId++,
    my_chat_member: {
      chat: { id: chat.id, type: "supergroup", title: chat.title },
      from,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: "member", user: BOT_INFO },
      new_chat_member: { status, user: BOT_INFO },
    },
  } as Update;
}

/**
 * What Telegram sends when a group becomes a supergroup: a service message in the old group
 * naming the new chat id, and one in the new supergroup naming the old id.
 */
export function supergroupUpgradeUpdates(
  from: User,
  group: { id: number; title: string },
  supergroupId: number,
): [Update, Update] {
  const date = Math.floor(Date.now() / 1000);
  return [
    {
      update_id: updateId++,
      message: {
        message_id: 1,
        date,
        from,
        chat: { id: group.id, type: "group", title: group.title },
        migrate_to_chat_id: supergroupId,
      },
    } as Update,
    {
      update_id: updateId++,
      message: {
        message_id: 1,
        date,
        from,
        chat: { id: supergroupId, type: "supergroup", title: group.title },
        migrate_from_chat_id: group.id,
      },
    } as Update,
  ];
}
