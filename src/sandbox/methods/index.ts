import type { MethodHandler } from "../core.js";
import * as botSettings from "./bot-settings.js";
import * as chats from "./chats.js";
import * as files from "./files.js";
import * as messages from "./messages.js";
import * as updates from "./updates.js";

/** Every Bot API method the sandbox serves; any other answers 404 "Not Found", as Telegram does. */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  getMe: botSettings.getMe,
  logOut: botSettings.logOut,
  close: botSettings.logOut,
  setMyCommands: botSettings.setMyCommands,
  getMyCommands: botSettings.getMyCommands,
  deleteMyCommands: botSettings.deleteMyCommands,
  setMyDescription: botSettings.setMyDescription,
  getMyDescription: botSettings.getMyDescription,
  setMyShortDescription: botSettings.setMyShortDescription,
  getMyShortDescription: botSettings.getMyShortDescription,
  setMyName: botSettings.setMyName,
  getMyName: botSettings.getMyName,
  getUpdates: updates.getUpdates,
  setWebhook: updates.setWebhook,
  deleteWebhook: updates.deleteWebhook,
  getWebhookInfo: updates.getWebhookInfo,
  sendMessage: messages.sendMessage,
  editMessageText: messages.editMessageText,
  editMessageCaption: messages.editMessageCaption,
  editMessageReplyMarkup: messages.editMessageReplyMarkup,
  deleteMessage: messages.deleteMessage,
  answerCallbackQuery: messages.answerCallbackQuery,
  sendChatAction: messages.sendChatAction,
  sendDocument: files.sendDocument,
  sendPhoto: files.sendPhoto,
  getFile: files.getFile,
  getChat: chats.getChat,
  getChatMember: chats.getChatMember,
  getChatAdministrators: chats.getChatAdministrators,
  getChatMemberCount: chats.getChatMemberCount,
};
