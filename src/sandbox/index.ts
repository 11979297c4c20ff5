export { ApiError } from "./api-error.js";
export { BotApiSandbox } from "./bot-api-sandbox.js";
export { escapeHtml, parseTelegramHtml } from "./telegram-html.js";
export { FLOOD_RULES, MAX_CAPTION, MAX_MESSAGE_TEXT } from "./telegram-limits.js";
export type {
  AnyReplyMarkup,
  ChatTarget,
  GroupInit,
  GroupMemberInit,
  MemberStatus,
  RecordedCall,
  SandboxMessage,
  SandboxOptions,
  SandboxUser,
  SandboxUserInit,
  SendTextOptions,
  UploadDocumentInput,
} from "./types.js";
