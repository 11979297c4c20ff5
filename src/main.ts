// The composition root: reads the configuration, builds every dependency once and passes it
// down. Nothing else in src/ reads process.env or creates clients of its own.
import { realpathSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run } from "@grammyjs/runner";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Api, type Bot } from "grammy";
import { appContext } from "./app/context.js";
import { digestAttachmentRenderers } from "./app/digest/digest-attachments.js";
import { ensureCenterAdmins } from "./app/members/ensure-center-admins.js";
import { registerPublicCommands } from "./bot/commands.js";
import type { BotContext, SessionData } from "./bot/context.js";
import { createEscalationComposer } from "./bot/escalations/compose.js";
import { downloadTelegramFile } from "./bot/helpers/download.js";
import { createBot } from "./bot/index.js";
import { DEFAULT_FLOOD_GUARD } from "./bot/middlewares/flood-guard.js";
import { createPushComposer } from "./bot/push/compose.js";
import { createPushProgress } from "./bot/push/progress.js";
import { createReminderComposer } from "./bot/reminders/compose.js";
import { withMemoryFallback } from "./bot/session-storage.js";
import { fetchBotInfo } from "./bot/telegram-connection.js";
import { type Config, parseConfig, readEnvironment } from "./config.js";
import { openDatabase, withMigrationConnection } from "./db/database.js";
import { applyMigrations, readMigrationsList } from "./db/migrations/migrations.js";
import { createPrismaClient } from "./db/prisma.js";
import { connectRedis } from "./db/redis.js";
import { VN_CALENDAR_DAYS } from "./domain/calendar-data/index.js";
import { createTranslator, type Translator } from "./i18n/index.js";
import { readImportCaption } from "./import/caption.js";
import { escalationSweepJob } from "./jobs/escalation-sweep.js";
import { monthlyPushJob } from "./jobs/monthly-push.js";
import { remindersJob } from "./jobs/reminders.js";
import { startScheduler } from "./jobs/scheduler.js";
import { weeklyDigestJob } from "./jobs/weekly-digest.js";
import { createLogger, type Logger } from "./logger.js";
import { createOutboxSender } from "./outbox/index.js";
import { MIGRATIONS_DIR } from "./paths.js";
import { MAX_DOWNLOAD_BYTES } from "./render/telegram-limits.js";
import { CalendarRepository } from "./repositories/calendar.js";
import { ChatBindingsRepository } from "./repositories/chat-bindings.js";
import { DossiersRepository } from "./repositories/dossiers.js";
import { InvitesRepository } from "./repositories/invites.js";
import { MembershipsRepository } from "./repositories/memberships.js";
import { OutboxRepository } from "./repositories/outbox.js";
import { OverdueRepository } from "./repositories/overdue.js";
import { PeopleRepository } from "./repositories/people.js";
import { ScoreCardsRepository } from "./repositories/score-cards.js";
import { UnitsRepository } from "./repositories/units.js";
import { createHttpServer } from "./server/http-server.js";
import { createMetrics } from "./server/metrics.js";
import { migrationsApplied } from "./server/readiness.js";
import { describeStartUpFailure } from "./start-up-failure.js";

/** Only these update kinds reach the bot. */
const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;
const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export interface RunningDondoc {
  readonly bot: Bot<BotContext>;
  /** Where /healthz, /readyz (and the webhook) listen. */
  readonly httpAddress: AddressInfo;
  /** Stops taking updates, finishes those in flight, closes the database and Redis. */
  stop(): Promise<void>;
}

export async function startDondoc(config: Config, logger: Logger): Promise<RunningDondoc> {
  // Asked first, while the database opens: a Telegram that cannot be reached is logged at once.
  const botInfo = fetchBotInfo({
    api: new Api(config.botToken, config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}),
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    logger,
  });
  // Awaited below; a refused token before then must not become an unhandled rejection.
  botInfo.catch(() => undefined);
  const database = await openDatabase(config.database);
  const applied = await withMigrationConnection(database, config.database, (factory) =>
    applyMigrations(factory, { migrationsDir: MIGRATIONS_DIR }),
  );
  if (applied.applied.length > 0) logger.info({ migrations: applied.applied }, "database migrated");
  const migrationNames = (await readMigrationsList(MIGRATIONS_DIR)).migrationDirectories.map(
    (dir) => dir.path,
  );
  const prisma = createPrismaClient(database.adapterFactory);
  const metrics = createMetrics({ outboxDepth: () => new OutboxRepository(prisma).pendingCount() });
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;

  const translator = createTranslator(config.defaultLocale);
  const app = appContext(prisma);
  const people = new PeopleRepository(prisma);
  const calendar = new CalendarRepository(prisma);
  await calendar.seed(VN_CALENDAR_DAYS);
  const sessionStorage = withMemoryFallback(
    redis
      ? new RedisAdapter<SessionData>({ instance: redis, ttl: SESSION_TTL_SECONDS })
      : new PrismaAdapter<SessionData>(prisma.session),
    { logger },
  );

  const push = {
    app,
    compose: createPushComposer({
      translator,
      defaultLocale: config.defaultLocale,
      timeZone: config.timeZone,
    }),
    defaultLocale: config.defaultLocale,
    globalPerSecond: config.outbox.rates.globalPerSecond * config.outbox.rates.scale,
  };
  const digest = { app, translator, timeZone: config.timeZone, defaultLocale: config.defaultLocale };
  // The bot's own API retries 429s in place (answers to a user); the outbox's sender must not:
  // it reschedules the row and paces every chat itself.
  const senderApi = new Api(
    config.botToken,
    config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {},
  );
  const sender = createOutboxSender({
    db: prisma,
    api: senderApi,
    rates: config.outbox.rates,
    concurrency: config.outbox.concurrency,
    logger,
    observer: metrics.outbox,
    attachments: digestAttachmentRenderers({ ...digest, db: prisma }),
  });
  const sweep = {
    app,
    compose: createEscalationComposer({ translator, timeZone: config.timeZone }),
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
  };
  const progressApi = new Api(
    config.botToken,
    config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {},
  );
  progressApi.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  const progress = createPushProgress({ db: prisma, api: progressApi, translator, logger });
  const bot = createBot({
    token: config.botToken,
    app,
    translator,
    defaultLocale: config.defaultLocale,
    logger,
    people,
    sessionStorage,
    floodGuard: { ...DEFAULT_FLOOD_GUARD, redis },
    access: {
      invites: new InvitesRepository(prisma),
      memberships: new MembershipsRepository(prisma),
      units: new UnitsRepository(prisma),
      chatBindings: new ChatBindingsRepository(prisma),
      dossiers: new DossiersRepository(prisma),
      overdue: new OverdueRepository(prisma),
      scoreCards: new ScoreCardsRepository(prisma),
      timeZone: config.timeZone,
      inviteTtlDays: config.inviteTtlDays,
    },
    adminImport: {
      app,
      settings: { timeZone: config.timeZone, provinceName: config.provinceName },
      logger,
      readCaption: (caption) => readImportCaption(caption, config.timeZone),
      download: (ctx, fileId) => downloadTelegramFile(ctx.api, fileId, MAX_DOWNLOAD_BYTES),
    },
    push: { push, progress },
    escalations: { sweep },
    updateObserver: metrics.updates,
    download: (ctx, fileId) => downloadTelegramFile(ctx.api, fileId, MAX_DOWNLOAD_BYTES),
    digest,
    botConfig: config.telegramApiRoot ? { client: { apiRoot: config.telegramApiRoot } } : {},
  });
  bot.botInfo = await botInfo;
  logger.info({ username: bot.botInfo.username, mode: config.mode, database: database.kind }, "bot ready");

  const { granted } = await ensureCenterAdmins(app, {
    actorLabel: "config:CENTER_ADMIN_IDS",
    telegramUserIds: config.centerAdminIds,
  });
  if (granted.length > 0)
    logger.info({ telegramUserIds: granted }, "Center admins added from CENTER_ADMIN_IDS");
  await registerCommandMenus(bot, translator, logger);

  const http = createHttpServer({
    logger,
    readiness: {
      database: async () => void (await prisma.$queryRaw`SELECT 1`),
      ...(redis ? { redis: async () => void (await redis.ping()) } : {}),
      migrations: migrationsApplied(prisma, migrationNames),
    },
    metrics,
    ...(config.webhook
      ? { webhook: { bot, path: new URL(config.webhook.url).pathname, secret: config.webhook.secret } }
      : {}),
  });
  const httpAddress = await http.listen(config.port, config.host);

  let runner: RunnerHandle | null = null;
  if (config.webhook) {
    await bot.api.setWebhook(config.webhook.url, {
      secret_token: config.webhook.secret,
      allowed_updates: ALLOWED_UPDATES,
    });
    logger.info({ port: httpAddress.port }, "receiving updates by webhook");
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
    logger.info({ port: httpAddress.port }, "receiving updates by long polling");
  }

  sender.start();
  const scheduler = startScheduler({
    db: prisma,
    jobs: [
      monthlyPushJob({ push, timeZone: config.timeZone, logger }),
      escalationSweepJob({ sweep, logger }),
      remindersJob({
        reminders: {
          app,
          compose: createReminderComposer({ translator }),
          defaultLocale: config.defaultLocale,
          timeZone: config.timeZone,
        },
        logger,
      }),
      weeklyDigestJob({ digest, logger }),
    ],
    timeZone: config.timeZone,
    logger,
    observer: metrics.jobs,
  });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (runner?.isRunning()) await runner.stop();
      await scheduler.stop();
      await progress.stop();
      // Sends in flight finish and are recorded; rows not yet sent wait in the outbox.
      await sender.stop();
      await http.close();
      await prisma.$disconnect();
      await database.close();
      if (redis) await redis.quit();
      logger.info("stopped");
    })();
    return stopping;
  };
  return { bot, httpAddress, stop };
}

async function registerCommandMenus(bot: Bot<BotContext>, translator: Translator, logger: Logger) {
  try {
    await registerPublicCommands(bot.api, translator);
  } catch (error) {
    logger.warn({ error: String(error) }, "could not register the command menus");
  }
}

async function main() {
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) {
    console.error("Dondoc cannot start; fix these settings (in .env or the environment):");
    for (const problem of parsed.problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  const logger = createLogger({ level: parsed.config.logLevel, pretty: process.stdout.isTTY });
  const app = await startDondoc(parsed.config, logger).catch((error: unknown) => {
    logger.fatal(describeStartUpFailure(error, parsed.config), "start-up failed");
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    process.once(signal, () => process.exit(130));
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: String(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

const isEntryPoint = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) await main();
