import { Writable } from "node:stream";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Update } from "grammy/types";
import pino from "pino";
import { appContext } from "../../src/app/context.js";
import type { SessionData } from "../../src/bot/context.js";
import { type BotDeps, createBot } from "../../src/bot/index.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTranslator } from "../../src/i18n/index.js";
import { ChatBindingsRepository } from "../../src/repositories/chat-bindings.js";
import { DossiersRepository } from "../../src/repositories/dossiers.js";
import { InvitesRepository } from "../../src/repositories/invites.js";
import { MembershipsRepository } from "../../src/repositories/memberships.js";
import { PeopleRepository } from "../../src/repositories/people.js";
import { UnitsRepository } from "../../src/repositories/units.js";
import { ApiRecorder, BOT_INFO, TEST_TOKEN } from "./telegram.js";

export interface TestBot {
  bot: ReturnType<typeof createBot>;
  api: ApiRecorder;
  /** Log lines the bot wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  send(update: Update): Promise<void>;
}

/** The real bot on a test database, its Bot API calls recorded instead of sent. */
export function createTestBot(db: PrismaClient, overrides: Partial<BotDeps> = {}): TestBot {
  const api = new ApiRecorder();
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const bot = createBot({
    token: TEST_TOKEN,
    translator: createTranslator("vi"),
    defaultLocale: "vi",
    logger: pino({ level: "info" }, sink),
    people: new PeopleRepository(db),
    sessionStorage: new PrismaAdapter<SessionData>(db.session),
    access: accessDeps(db),
    botConfig: { botInfo: BOT_INFO, client: { fetch: api.fetch } },
    ...overrides,
  });
  return { bot, api, logs, send: (update) => bot.handleUpdate(update) };
}

/** The real repositories behind units, members, invites and groups. */
export function accessDeps(db: PrismaClient, now?: () => Date): NonNullable<BotDeps["access"]> {
  return {
    app: appContext(db, now),
    invites: new InvitesRepository(db),
    memberships: new MembershipsRepository(db),
    units: new UnitsRepository(db),
    chatBindings: new ChatBindingsRepository(db),
    dossiers: new DossiersRepository(db),
    timeZone: "Asia/Ho_Chi_Minh",
    inviteTtlDays: 7,
    ...(now ? { now } : {}),
  };
}
