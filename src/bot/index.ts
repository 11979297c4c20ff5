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
import type { AppContext } from "../app/context.js";
import type { DigestDeps } from "../app/digest/digest-report.js";
import { sweepEscalations } from "../app/escalations/sweep-escalations.js";
import type { Locale } from "../config.js";
import { isDatabaseUnavailable } from "../db/outage.js";
import type { Actor } from "../domain/policy.js";
import { resolveLocale, type Translator } from "../i18n/index.js";
import { type Logger, redactToken } from "../logger.js";
import type { ChatBindingsRepository } from "../repositories/chat-bindings.js";
import type { DossiersRepository } from "../repositories/dossiers.js";
import type { InvitesRepository } from "../repositories/invites.js";
import type { MembershipsRepository } from "../repositories/memberships.js";
import type { OverdueRepository } from "../repositories/overdue.js";
import type { PeopleRepository } from "../repositories/people.js";
import type { ScoreCardsRepository } from "../repositories/score-cards.js";
import type { UnitsRepository } from "../repositories/units.js";
import type { BotContext, SessionData } from "./context.js";
import { type AdminImportDeps, adminImportFeature } from "./features/admin-import.js";
import { digestFeature } from "./features/digest.js";
import { dossierActionsFeature, dossierCardActions } from "./features/dossier-actions.js";
import { type EscalationsFeatureDeps, escalationsFeature } from "./features/escalations.js";
import { fallbackFeature } from "./features/fallback.js";
import { groupsFeature } from "./features/groups.js";
import { helpFeature } from "./features/help.js";
import { historyFeature } from "./features/history.js";
import { holidaysFeature } from "./features/holidays.js";
import { inviteStartHandler, invitesFeature } from "./features/invites.js";
import { languageFeature } from "./features/language.js";
import { membersFeature } from "./features/members.js";
import { membershipFeature } from "./features/membership.js";
import { overdueFeature } from "./features/overdue.js";
import { type PushFeatureDeps, pushAfterImport, pushFeature } from "./features/push.js";
import { remindersFeature } from "./features/reminders.js";
import { startFeature } from "./features/start.js";
import { unitSettingsFeature } from "./features/unit-settings.js";
import { unitsFeature } from "./features/units.js";
import type { StartPayloadHandler } from "./helpers/start-payload.js";
import { type FloodGuardOptions, floodGuard } from "./middlewares/flood-guard.js";
import { identify } from "./middlewares/identify.js";
import { observeUpdates, type UpdateObserver } from "./middlewares/observe-updates.js";

/** Units, members, invites, groups: who may see and do what. */
export interface AccessDeps {
  invites: InvitesRepository;
  memberships: MembershipsRepository;
  units: UnitsRepository;
  chatBindings: ChatBindingsRepository;
  dossiers: DossiersRepository;
  overdue: OverdueRepository;
  scoreCards: ScoreCardsRepository;
  timeZone: string;
  inviteTtlDays: number;
}

export interface BotDeps {
  token: string;
  /** What use-cases run on: the database and the clock (tests move it). */
  app: AppContext;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
  people: PeopleRepository;
  sessionStorage: StorageAdapter<SessionData>;
  startPayloadHandlers?: readonly StartPayloadHandler[];
  access?: AccessDeps;
  /** Per-user flood limit, checked before anything else touches the database. */
  floodGuard?: FloodGuardOptions;
  /** Center admins import monthly data by sending files. */
  adminImport?: AdminImportDeps;
  /** Center admins push the monthly figures to every unit (/push, /pushsettings). */
  push?: PushFeatureDeps;
  /** Escalations: /escalations, /escalation, the notices' buttons, the sweep after an import. */
  escalations?: EscalationsFeatureDeps;
  /** Told how long each update took and whether it failed (metrics). */
  updateObserver?: UpdateObserver;
  /** Reads a file users send (an apology letter's scan, for its hash). */
  download?: (ctx: BotContext, fileId: string) => Promise<Uint8Array>;
  /** The weekly digest on demand (/digest), exports (/export) and the score card's chart. */
  digest?: DigestDeps;
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
  const failedUpdates = new WeakSet<object>();
  if (deps.updateObserver) bot.use(observeUpdates(deps.updateObserver, failedUpdates));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  const apiRoot = deps.botConfig?.client?.apiRoot;
  bot.api.config.use(hydrateFiles(deps.token, apiRoot ? { apiRoot } : {}));

  // Updates of one chat run in order (the runner and webhooks would otherwise interleave them).
  bot.use(
    sequentialize((ctx) => (ctx.chat ? [String(ctx.chat.id)] : ctx.from ? [`u${ctx.from.id}`] : undefined)),
  );
  if (deps.floodGuard)
    bot.use(
      floodGuard(deps.floodGuard, {
        translator: deps.translator,
        defaultLocale: deps.defaultLocale,
        logger: deps.logger,
      }),
    );
  const guarded = bot.errorBoundary((error) => {
    failedUpdates.add(error.ctx.update);
    return reportError(error, deps);
  });
  guarded.use(
    session({ initial: (): SessionData => ({}), storage: deps.sessionStorage, getSessionKey: chatUserKey }),
  );
  guarded.use(
    identify({
      app: deps.app,
      people: deps.people,
      translator: deps.translator,
      defaultLocale: deps.defaultLocale,
    }),
  );

  // Every feature runs its use-cases on the bot's one AppContext.
  const access = deps.access && { ...deps.access, app: deps.app };
  const invites = access && {
    ...access,
    people: deps.people,
    translator: deps.translator,
    logger: deps.logger,
    botUsername: () => bot.botInfo.username,
  };
  guarded.use(
    startFeature({
      payloadHandlers: [
        ...(invites ? [inviteStartHandler(invites)] : []),
        ...(deps.startPayloadHandlers ?? []),
      ],
      translator: deps.translator,
      logger: deps.logger,
    }),
  );
  guarded.use(helpFeature());
  guarded.use(languageFeature({ app: deps.app, translator: deps.translator }));
  if (invites && access) {
    guarded.use(invitesFeature(invites));
    const menus = {
      app: deps.app,
      people: deps.people,
      translator: deps.translator,
      defaultLocale: deps.defaultLocale,
      logger: deps.logger,
    };
    guarded.use(membershipFeature(menus));
    guarded.use(membersFeature({ ...access, ...menus }));
    guarded.use(unitsFeature({ ...access, ...menus }));
    guarded.use(unitSettingsFeature(access));
    guarded.use(groupsFeature(access));
    guarded.use(historyFeature(access));
    const dossierActions = {
      ...access,
      translator: deps.translator,
      ...(deps.download ? { download: deps.download } : {}),
    };
    guarded.use(overdueFeature({ ...access, ...dossierCardActions(dossierActions) }));
    guarded.use(dossierActionsFeature(dossierActions));
    guarded.use(remindersFeature(access));
    guarded.use(holidaysFeature(access));
    if (deps.digest) guarded.use(digestFeature({ ...access, digest: deps.digest }));
  }
  if (deps.push) guarded.use(pushFeature(deps.push));
  if (deps.escalations) guarded.use(escalationsFeature(deps.escalations));
  if (deps.adminImport) {
    const afterImport = afterConfirmedImport(deps);
    guarded.use(adminImportFeature({ ...deps.adminImport, afterImport }));
  }
  guarded.use(fallbackFeature(() => bot.botInfo.username));

  bot.catch((error) => {
    failedUpdates.add(error.ctx.update);
    return reportError(error, deps);
  });
  return bot;
}

/** After a confirmed import: the escalation sweep, then the push when the Center's setting says so. */
function afterConfirmedImport(deps: BotDeps) {
  const push = deps.push ? pushAfterImport(deps.push) : null;
  return async (ctx: BotContext, actor: Actor): Promise<void> => {
    if (deps.escalations) await sweepEscalations(deps.escalations.sweep, { actorLabel: "import" });
    if (push) await push(ctx, actor);
  };
}

/**
 * Logs what went wrong with the update and tells the user, briefly and in their language: "try
 * again" when the database could not be reached (the use-case's transaction did not commit, so
 * nothing of the request was saved), an apology for anything else.
 */
async function reportError(error: BotError<BotContext>, deps: BotDeps): Promise<void> {
  const ctx = error.ctx;
  const cause = error.error;
  const databaseDown = isDatabaseUnavailable(cause);
  deps.logger.error(
    {
      updateId: ctx.update.update_id,
      userId: ctx.from?.id,
      chatId: ctx.chat?.id,
      ...(databaseDown ? { reason: "DatabaseUnavailable" } : {}),
      error: redactToken(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause), deps.token),
    },
    "update failed",
  );
  const message = databaseDown ? "outage.databaseDown" : "errors.unexpected";
  // The failure may have come before the user's language was known.
  const t =
    ctx.t ?? deps.translator.forLocale(resolveLocale(null, ctx.from?.language_code, deps.defaultLocale));
  try {
    // A button press may have been answered already (Telegram takes one answer): then say it in the chat.
    const alerted =
      ctx.callbackQuery &&
      (await ctx.answerCallbackQuery({ text: t(message), show_alert: true }).then(
        () => true,
        () => false,
      ));
    if (!alerted && ctx.chat) await ctx.reply(t(message));
  } catch (replyError) {
    const description = replyError instanceof GrammyError ? replyError.description : String(replyError);
    deps.logger.warn(
      { updateId: ctx.update.update_id, description },
      "could not tell the user about the failure",
    );
  }
}

export { BotError };
