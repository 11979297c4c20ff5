import type { Role } from "./roles.js";

export type ChatKind = "private" | "group";

export interface CommandSpec {
  /** The command without the slash; its description is the locale key `commands.<name>`. */
  name: string;
  /** Who may use it: everyone, or only people holding one of these roles. */
  audience: "everyone" | readonly Role[];
  chats: readonly ChatKind[];
}

/** Every command the bot understands, in the order menus show them. Features add theirs here. */
export const COMMAND_CATALOG: readonly CommandSpec[] = [
  { name: "start", audience: "everyone", chats: ["private"] },
  { name: "help", audience: "everyone", chats: ["private", "group"] },
  { name: "lang", audience: "everyone", chats: ["private"] },
  {
    name: "history",
    audience: ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"],
    chats: ["private", "group"],
  },
  {
    name: "score",
    audience: ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"],
    chats: ["private", "group"],
  },
  {
    name: "overdue",
    audience: ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"],
    chats: ["private", "group"],
  },
  {
    name: "holidays",
    audience: ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"],
    chats: ["private", "group"],
  },
  { name: "invite", audience: ["CENTER_ADMIN", "UNIT_HEAD"], chats: ["private"] },
  { name: "invites", audience: ["CENTER_ADMIN", "UNIT_HEAD"], chats: ["private"] },
  { name: "members", audience: ["CENTER_ADMIN", "UNIT_HEAD"], chats: ["private"] },
  { name: "settings", audience: ["CENTER_ADMIN", "UNIT_HEAD"], chats: ["private"] },
  { name: "units", audience: ["CENTER_ADMIN"], chats: ["private"] },
  { name: "push", audience: ["CENTER_ADMIN"], chats: ["private"] },
  { name: "escalations", audience: ["CENTER_ADMIN", "UNIT_HEAD", "PC_VIEWER"], chats: ["private"] },
  { name: "escalation", audience: ["CENTER_ADMIN", "UNIT_HEAD", "PC_VIEWER"], chats: ["private"] },
  { name: "pushsettings", audience: ["CENTER_ADMIN"], chats: ["private"] },
  { name: "digest", audience: ["CENTER_ADMIN", "PC_VIEWER"], chats: ["private"] },
  { name: "export", audience: ["CENTER_ADMIN", "PC_VIEWER"], chats: ["private"] },
  { name: "bind", audience: ["CENTER_ADMIN", "UNIT_HEAD"], chats: ["group"] },
  { name: "unbind", audience: ["CENTER_ADMIN", "UNIT_HEAD"], chats: ["group"] },
  { name: "switch", audience: ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"], chats: ["private"] },
  { name: "leave", audience: ["CENTER_ADMIN", "UNIT_HEAD", "OFFICER", "PC_VIEWER"], chats: ["private"] },
];

export function commandsAvailable(
  roles: readonly Role[],
  chat: ChatKind,
  catalog = COMMAND_CATALOG,
): CommandSpec[] {
  return catalog.filter(
    (spec) =>
      spec.chats.includes(chat) &&
      (spec.audience === "everyone" || spec.audience.some((role) => roles.includes(role))),
  );
}

export function isKnownCommand(name: string, catalog = COMMAND_CATALOG): boolean {
  return catalog.some((spec) => spec.name === name.toLowerCase());
}
