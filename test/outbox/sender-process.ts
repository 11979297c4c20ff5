// The outbox sender in a process of its own, for the crash test: it opens the database named
// in its environment, sends until nothing is pending, then stops and exits 0. The test kills
// one of these with SIGKILL mid-way.
import { Api } from "grammy";
import pino from "pino";
import { type DatabaseTarget, openDatabase } from "../../src/db/database.js";
import { createPrismaClient } from "../../src/db/prisma.js";
import { DEFAULT_OUTBOX_RATES } from "../../src/domain/outbox.js";
import { createOutboxSender } from "../../src/outbox/index.js";

const env = process.env;
const target: DatabaseTarget = env.DATABASE_URL
  ? { kind: "postgres", url: env.DATABASE_URL }
  : { kind: "pglite", dataDir: env.PGLITE_DIR ?? "" };
const database = await openDatabase(target);
const db = createPrismaClient(database.adapterFactory);
const sender = createOutboxSender({
  db,
  api: new Api(env.BOT_TOKEN ?? "", { apiRoot: env.API_ROOT ?? "" }),
  rates: { ...DEFAULT_OUTBOX_RATES, scale: Number(env.OUTBOX_SCALE ?? 1) },
  logger: pino({ level: "warn" }, pino.destination(2)),
  concurrency: Number(env.OUTBOX_CONCURRENCY ?? 8),
  leaseMs: Number(env.LEASE_MS ?? 60_000),
  pollMs: 50,
});
sender.start();
console.log(JSON.stringify({ msg: "sending" }));
while ((await db.outboxMessage.count({ where: { status: "PENDING" } })) > 0) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await sender.stop();
await db.$disconnect();
await database.close();
console.log(JSON.stringify({ msg: "done" }));
