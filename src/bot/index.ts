import { autoRetry } from "@grammyjs/auto-retry";
import { hydrateFiles } from "@grammyjs/files";
import { sequentialize } from "@grammyjs/runner";
import {
  Bot,
  type BotConfig,
  BotError,
  type Context,
  GrammyError,
  type StorageAdapter,
  session,
} from "grammy";
import type { Locale } from "../config.js";
import { resolveLocale, type Translator } from "../i18n/index.js";
import { type Logger, redactToken } from "../logger.js";
import type { PeopleRepository } from "../repositories/people.js";
import type { BotContext, SessionData } from "./context.js";
import { type AdminImportDeps, adminImportFeature } from "./features/admin-import.js";
import { fallbackFeature } from "./features/fallback.js";
import { helpFeature } from "./features/help.js";
import { languageFeature } from "./features/language.js";
import { type StartPayloadHandler, startFeature } from "./features/start.js";
import { identify } from "./middlewares/identify.js";

export interface BotDeps {
  token: string;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
  people: PeopleRepository;
  sessionStorage: StorageAdapter<SessionData>;
  startPayloadHandlers?: readonly StartPayloadHandler[];
  /** Center admins import monthly data by sending files. */
  adminImport?: AdminImportDeps;
  /** grammY client options: a local Bot API root, a stubbed fetch in tests, a known botInfo. */
  botConfig?: BotConfig<BotContext>;
}

/** One user in one chat: sessions and the order of updates are kept per this key. */
export function chatUserKey(ctx: Context): string | undefined {
  if (!ctx.chat) return undefined;
  return ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : `${ctx.chat.id}`;
}

export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, deps.botConfig);
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  const apiRoot = deps.botConfig?.client?.apiRoot;
  bot.api.config.use(hydrateFiles(deps.token, apiRoot ? { apiRoot } : {}));

  // Updates of one chat run in order (the runner and webhooks would otherwise interleave them).
  bot.use(
    sequentialize((ctx) => (ctx.chat ? [String(ctx.chat.id)] : ctx.from ? [`u${ctx.from.id}`] : undefined)),
  );
  const guarded = bot.errorBoundary((error) => reportError(error, deps));
  guarded.use(
    session({ initial: (): SessionData => ({}), storage: deps.sessionStorage, getSessionKey: chatUserKey }),
  );
  guarded.use(
    identify({ people: deps.people, translator: deps.translator, defaultLocale: deps.defaultLocale }),
  );

  guarded.use(
    startFeature({
      payloadHandlers: deps.startPayloadHandlers ?? [],
      translator: deps.translator,
      logger: deps.logger,
    }),
  );
  guarded.use(helpFeature());
  guarded.use(languageFeature({ people: deps.people, translator: deps.translator }));
  if (deps.adminImport) guarded.use(adminImportFeature(deps.adminImport));
  guarded.use(fallbackFeature(() => bot.botInfo.username));

  bot.catch((error) => reportError(error, deps));
  return bot;
}

/** Logs what went wrong with the update and tells the user, briefly and in their language. */
async function reportError(error: BotError<BotContext>, deps: BotDeps): Promise<void> {
  const ctx = error.ctx;
  const cause = error.error;
  deps.logger.error(
    {
      updateId: ctx.update.update_id,
      userId: ctx.from?.id,
      chatId: ctx.chat?.id,
      error: redactToken(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause), deps.token),
    },
    "update failed",
  );
  // The failure may have come before the user's language was known.
  const t =
    ctx.t ?? deps.translator.forLocale(resolveLocale(null, ctx.from?.language_code, deps.defaultLocale));
  try {
    // A button press may have been answered already (Telegram takes one answer): then say it in the chat.
    const alerted =
      ctx.callbackQuery &&
      (await ctx.answerCallbackQuery({ text: t("errors.unexpected"), show_alert: true }).then(
        () => true,
        () => false,
      ));
    if (!alerted && ctx.chat) await ctx.reply(t("errors.unexpected"));
  } catch (replyError) {
    const description = replyError instanceof GrammyError ? replyError.description : String(replyError);
    deps.logger.warn(
      { updateId: ctx.update.update_id, description },
      "could not tell the user about the failure",
    );
  }
}

export { BotError };
