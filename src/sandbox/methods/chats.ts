import type { AcceptedGiftTypes, ChatFullInfo, ChatMember, User } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { MethodHandler, SandboxCore } from "../core.js";
import type { ChatRecord } from "../world.js";
import { requireChat } from "./shared.js";

const NO_GIFTS: AcceptedGiftTypes = {
  unlimited_gifts: false,
  limited_gifts: false,
  unique_gifts: false,
  premium_subscription: false,
  gifts_from_channels: false,
};

export const getChat: MethodHandler = (core, params) => {
  const { chat } = requireChat(core, params);
  const extra = { accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: NO_GIFTS };
  const info: ChatFullInfo = { ...chat, ...extra };
  return info;
};

function userById(core: SandboxCore, userId: number): User {
  if (userId === core.world.bot.id) return core.world.bot;
  const user = core.world.users.get(userId);
  if (user === undefined) throw badRequest("PARTICIPANT_ID_INVALID");
  return user;
}

const ADMIN_RIGHTS = {
  can_be_edited: false,
  is_anonymous: false,
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
  can_pin_messages: true,
  can_send_welcome_messages: false,
} as const;

function chatMember(core: SandboxCore, record: ChatRecord, user: User): ChatMember {
  const status = core.world.memberStatus(record, user.id);
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return { status, user, ...ADMIN_RIGHTS };
    default:
      return { status, user };
  }
}

export const getChatMember: MethodHandler = (core, params) => {
  const record = requireChat(core, params);
  const userId = params.integer("user_id");
  if (userId === undefined) throw badRequest("user_id is empty");
  return chatMember(core, record, userById(core, userId));
};

export const getChatAdministrators: MethodHandler = (core, params) => {
  const record = requireChat(core, params);
  if (record.kind === "private") throw badRequest("there are no administrators in the private chat");
  return [...record.members]
    .filter(([, status]) => status === "creator" || status === "administrator")
    .map(([userId]) => chatMember(core, record, userById(core, userId)));
};

export const getChatMemberCount: MethodHandler = (core, params) => {
  const record = requireChat(core, params);
  if (record.kind === "private") return 2;
  const botListed = record.members.has(core.world.bot.id);
  return record.members.size + (botListed ? 0 : 1);
};
