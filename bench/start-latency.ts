// Updates per second and latency of /start through bot.handleUpdate, on the real bot with
// its real middleware (sessions in the database, the person looked up or recorded, i18n),
// the Bot API answered by an in-process stub.
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Update } from "grammy/types";
import pino from "pino";
import { appContext } from "../src/app/context.js";
import type { SessionData } from "../src/bot/context.js";
import { createBot } from "../src/bot/index.js";
import { createTranslator } from "../src/i18n/index.js";
import { PeopleRepository } from "../src/repositories/people.js";
import { startNodeFlags } from "../test/support/npm-scripts.js";
import { ApiRecorder, BOT_INFO, TEST_TOKEN, telegramUser, textUpdate } from "../test/support/telegram.js";
import { type BenchDatabase, benchDatabase, benchKinds, ms, percentile } from "./support.js";

const USERS = 300;
const UPDATES = 3000;
const CONCURRENCY = 8;

async function measure(database: BenchDatabase) {
  const api = new ApiRecorder();
  const bot = createBot({
    token: TEST_TOKEN,
    app: appContext(database.prisma),
    translator: createTranslator("vi"),
    defaultLocale: "vi",
    logger: pino({ level: "silent" }),
    people: new PeopleRepository(database.prisma),
    sessionStorage: new PrismaAdapter<SessionData>(database.prisma.session),
    botConfig: { botInfo: BOT_INFO, client: { fetch: api.fetch } },
  });
  const updates: Update[] = Array.from({ length: UPDATES }, (_, index) =>
    textUpdate(telegramUser(10_000 + (index % USERS), index % 3 === 0 ? "en" : "vi"), "/start"),
  );
  for (const update of updates.slice(0, 100)) await bot.handleUpdate(update);

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < updates.length) {
      const update = updates[next++] as Update;
      const before = performance.now();
      await bot.handleUpdate(update);
      latencies.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const replies = api.of("sendMessage").length;
  if (replies !== UPDATES + 100) throw new Error(`expected ${UPDATES + 100} replies, got ${replies}`);
  return { perSecond: UPDATES / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchStartLatency(): Promise<void> {
  // `npm run bench` gives Node the flags `npm start` runs the bot with (package.json).
  const botFlags = startNodeFlags().join(" ");
  const flags = nodeFlagsOfThisProcess();
  const mismatch = flags === botFlags ? "" : ` (NOT the bot's flags: ${botFlags})`;
  console.log(
    `/start through bot.handleUpdate: ${UPDATES} updates, ${USERS} users, ${CONCURRENCY} at a time, ` +
      `Node flags ${flags || "none"}${mismatch}`,
  );
  for (const kind of benchKinds()) {
    const database = await benchDatabase(kind);
    try {
      const result = await measure(database);
      console.log(
        `  ${database.label.padEnd(14)} ${result.perSecond.toFixed(0).padStart(6)} updates/s   p50 ${ms(result.p50)}   p99 ${ms(result.p99)}`,
      );
    } finally {
      await database.close();
    }
  }
}

/** This process's Node flags, less the module loaders (tsx) and their arguments. */
function nodeFlagsOfThisProcess(): string {
  const flags: string[] = [];
  const args = process.execArgv;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "--import" || arg === "--require") index += 1;
    else if (!/^--(import|require|loader)=/.test(arg)) flags.push(arg);
  }
  return flags.join(" ");
}
