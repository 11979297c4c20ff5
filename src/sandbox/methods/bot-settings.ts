import type { BotCommand, BotCommandScope } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { MethodHandler, SandboxCore } from "../core.js";
import type { ApiParams } from "../request.js";
import { commandsKey } from "../world.js";

export const getMe: MethodHandler = (core) => core.botInfo;

export const logOut: MethodHandler = () => true;

/** The storage key of a command scope; chat scopes must name a chat the sandbox knows. */
export function scopeKey(core: SandboxCore, scope: unknown): string {
  if (scope === undefined) return "default";
  const { type, chat_id, user_id } = (scope ?? {}) as {
    type?: unknown;
    chat_id?: unknown;
    user_id?: unknown;
  };
  switch (type) {
    case "default":
    case "all_private_chats":
    case "all_group_chats":
    case "all_chat_administrators":
      return type;
    case "chat":
    case "chat_administrators":
      return `${type}:${chatIdOf(core, chat_id)}`;
    case "chat_member":
      return `${type}:${chatIdOf(core, chat_id)}:${Number(user_id)}`;
    default:
      throw badRequest("unsupported bot command scope type");
  }
}

function chatIdOf(core: SandboxCore, chatId: unknown): number {
  const id = typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  if (typeof id !== "number" && typeof id !== "string") throw badRequest("chat not found");
  return core.world.chatForApi(id).chat.id;
}

function languageOf(params: ApiParams): string {
  const language = params.string("language_code") ?? "";
  if (language !== "" && !/^[a-z]{2}$/.test(language)) throw badRequest("invalid language code specified");
  return language;
}

function assertCommands(commands: unknown): asserts commands is BotCommand[] {
  if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest("too many commands specified");
  for (const entry of commands) {
    const { command, description } = (entry ?? {}) as { command?: unknown; description?: unknown };
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command))
      throw badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.trim() === "" || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
}

export const setMyCommands: MethodHandler = (core, params) => {
  const commands = params.json("commands");
  assertCommands(commands);
  const key = commandsKey(scopeKey(core, params.json("scope")), languageOf(params));
  const stored = commands.map(({ command, description }) => ({ command, description }));
  if (stored.length === 0) core.world.commands.delete(key);
  else core.world.commands.set(key, stored);
  return true;
};

export const getMyCommands: MethodHandler = (core, params) => {
  const key = commandsKey(scopeKey(core, params.json("scope")), languageOf(params));
  return structuredClone(core.world.commands.get(key) ?? []);
};

export const deleteMyCommands: MethodHandler = (core, params) => {
  core.world.commands.delete(commandsKey(scopeKey(core, params.json("scope")), languageOf(params)));
  return true;
};

/** The commands stored for exactly this scope and language, as getMyCommands answers. */
export function commandsFor(core: SandboxCore, scope?: BotCommandScope, languageCode = ""): BotCommand[] {
  return structuredClone(core.world.commands.get(commandsKey(scopeKey(core, scope), languageCode)) ?? []);
}

/** A pair of set/get methods for one per-language bot text (description, short description, name). */
function describedText(
  field: "description" | "short_description" | "name",
  maxLength: number,
): { set: MethodHandler; get: MethodHandler } {
  const keyOf = (params: ApiParams): string => `${field}|${languageOf(params)}`;
  return {
    set: (core, params) => {
      const text = params.string(field) ?? "";
      if (text.length > maxLength) throw badRequest(`${field.replace("_", " ")} is too long`);
      if (text === "") core.world.descriptions.delete(keyOf(params));
      else core.world.descriptions.set(keyOf(params), text);
      return true;
    },
    get: (core, params) => ({ [field]: core.world.descriptions.get(keyOf(params)) ?? "" }),
  };
}

const description = describedText("description", 512);
const shortDescription = describedText("short_description", 120);
const name = describedText("name", 64);

export const setMyDescription = description.set;
export const getMyDescription = description.get;
export const setMyShortDescription = shortDescription.set;
export const getMyShortDescription = shortDescription.get;
export const setMyName = name.set;
export const getMyName = name.get;
