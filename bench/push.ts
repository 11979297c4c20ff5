// A monthly push to 1,000 units through the outbox sender, against the sandbox enforcing its
// flood limits: 700 unit heads in private chats and 300 unit groups, two messages each (the
// score card, then the overdue summary). Every limit, the sandbox's and the sender's, is
// scaled by one factor (BENCH_PUSH_SCALE, default 4: 100 messages a second) so the run takes
// seconds instead of minutes.
//
// ratio = achieved rate / the rate the sender's settings allow for this push (shortestSendMs);
// a 429 is "unhandled" when it left a message FAILED or unsent.
import { Api } from "grammy";
import pino from "pino";
import { DEFAULT_OUTBOX_RATES, type OutboxRates, shortestSendMs } from "../src/domain/outbox.js";
import { createOutboxSender, DEFAULT_OUTBOX_CONCURRENCY } from "../src/outbox/index.js";
import { type NewOutboxMessage, OutboxRepository } from "../src/repositories/outbox.js";
import { BotApiSandbox, FLOOD_RULES } from "../src/sandbox/index.js";
import { type BenchDatabase, benchDatabase, benchKinds } from "./support.js";

const HEADS = 700;
const GROUPS = 300;
const MESSAGES_PER_CHAT = 2;
const SCALE = Number(process.env.BENCH_PUSH_SCALE ?? 4);
const TOKEN = "7000000099:push-bench-token-not-for-telegram";

function pushMessages(chats: readonly number[]): NewOutboxMessage[] {
  return chats.flatMap((chatId, unit) =>
    ["score", "overdue"].slice(0, MESSAGES_PER_CHAT).map((kind) => ({
      dedupeKey: `bench:${kind}:${unit}`,
      chatId,
      kind,
      batch: "bench-push",
      payload: {
        method: "sendMessage" as const,
        text: `<b>Đơn vị ${unit}</b>\nĐiểm: 58,3 (−3,2)\nHồ sơ quá hạn: 12`,
        parse_mode: "HTML" as const,
        reply_markup: { inline_keyboard: [[{ text: "Danh sách", callback_data: `ov:${unit}:0` }]] },
      },
    })),
  );
}

async function measure(database: BenchDatabase): Promise<void> {
  const sandbox = new BotApiSandbox({ token: TOKEN, floodLimits: true, floodScale: SCALE });
  await sandbox.start();
  const chats = [
    ...Array.from(
      { length: HEADS },
      (_, i) => sandbox.addUser({ id: 800_000 + i, first_name: `Head ${i}` }).chatId,
    ),
    ...Array.from({ length: GROUPS }, (_, i) => {
      sandbox.addGroup({ id: -(800_000 + i), title: `Unit ${i}` });
      return -(800_000 + i);
    }),
  ];
  const messages = pushMessages(chats);
  const outbox = new OutboxRepository(database.prisma);
  await outbox.enqueue(messages);
  const rates: OutboxRates = { ...DEFAULT_OUTBOX_RATES, scale: SCALE };
  const sender = createOutboxSender({
    db: database.prisma,
    api: new Api(TOKEN, { apiRoot: sandbox.apiRoot }),
    rates,
    logger: pino({ level: "silent" }),
    pollMs: 50,
  });

  const startedAt = Date.now();
  sender.start();
  const deadline =
    Date.now() +
    10 *
      shortestSendMs(
        rates,
        chats.map((chatId) => ({ chatId, messages: MESSAGES_PER_CHAT })),
      );
  // The sender's own database work is measured, not this check's: a cheap count, 5 times a second.
  while (
    (await database.prisma.outboxMessage.count({ where: { batch: "bench-push", status: "PENDING" } })) > 0 &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const lastSent = await database.prisma.outboxMessage.aggregate({ _max: { sentAt: true } });
  await sender.stop();
  const elapsedMs = (lastSent._max.sentAt?.getTime() ?? Date.now()) - startedAt;
  const progress = await outbox.batchProgress("bench-push");
  await sandbox.stop();

  const sends = sandbox.calls.filter((call) => call.method === "sendMessage");
  const floods = sends.filter((call) => call.errorCode === 429).length;
  const delivered = chats.reduce((sum, chatId) => sum + sandbox.messagesIn(chatId).length, 0);
  const missingChats = chats.filter((chatId) => sandbox.messagesIn(chatId).length < MESSAGES_PER_CHAT).length;
  const unhandled = progress.failures.filter((failure) => failure.lastError?.startsWith("429")).length;
  const lost = progress.pending + progress.failed;
  const allowedPerSecond =
    messages.length /
    (shortestSendMs(
      rates,
      chats.map((chatId) => ({ chatId, messages: MESSAGES_PER_CHAT })),
    ) /
      1000);
  const achievedPerSecond = messages.length / (elapsedMs / 1000);
  console.log(
    `  ${database.label}: ${messages.length} messages to ${chats.length} chats (${HEADS} private, ${GROUPS} groups), scale ${SCALE}`,
  );
  console.log(`    ratio: ${(achievedPerSecond / allowedPerSecond).toFixed(3)}`);
  console.log(
    `    achieved ${achievedPerSecond.toFixed(1)} msg/s; the sender's settings allow ${allowedPerSecond.toFixed(1)}, ` +
      `the sandbox ${FLOOD_RULES.globalPerSecond * SCALE} (overall)`,
  );
  console.log(`    429s seen: ${floods}, unhandled: ${unhandled}`);
  console.log(
    `    lost: ${lost} (sent ${progress.sent}/${progress.total}, chats short of messages: ${missingChats}), ` +
      `duplicates: ${delivered - progress.sent}`,
  );
  console.log(`    elapsed: ${(elapsedMs / 1000).toFixed(2)} s (concurrency ${DEFAULT_OUTBOX_CONCURRENCY})`);
}

export async function benchPush(): Promise<void> {
  console.log("push through the outbox sender against the sandbox's flood limits:");
  for (const kind of benchKinds()) {
    const database = await benchDatabase(kind);
    try {
      await measure(database);
    } finally {
      await database.close();
    }
  }
}
