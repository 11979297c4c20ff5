import type { ConversationData, ConversationFlavor, VersionedState } from "@grammyjs/conversations";
import type { Context, SessionFlavor } from "grammy";
import type { Locale } from "../config.js";
import type { TFunction } from "../i18n/index.js";
import type { PersonView } from "../repositories/people.js";

/** UI state only (what the user is in the middle of); every fact lives in the database. */
export interface SessionData {
  /** The language menu still on screen, removed when a newer one replaces it. */
  languageMenuMessageId?: number;
  /** The forms in progress (@grammyjs/conversations keeps its replay state here). */
  conversations?: VersionedState<ConversationData>;
  /** Dossiers marked on a unit's list for one cause to all. */
  dossierMarks?: { unitId: number; dossierIds: number[] };
}

export interface AppFlavor {
  /** The language of this update's user. */
  locale: Locale;
  t: TFunction;
  /** The person behind the update, with active memberships; null for updates without a user. */
  person: PersonView | null;
}

/** `conversation` exists below the dossier actions' conversations middleware (forms). */
export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & AppFlavor>;
