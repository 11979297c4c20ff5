// Kills a sending outbox sender with SIGKILL and starts it again: every queued message is
// delivered, none is lost, and only the sends in flight at the kill may go out twice.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type DatabaseTarget, openDatabase, withMigrationConnection } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrations/migrations.js";
import { createPrismaClient } from "../../src/db/prisma.js";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { type NewOutboxMessage, OutboxRepository } from "../../src/repositories/outbox.js";
import { BotApiSandbox } from "../../src/sandbox/index.js";
import { projectRoot } from "../support/npm-scripts.js";
import { testDatabaseUrl } from "../support/services.js";
import {
  createScratchPostgresDatabase,
  databaseLabel,
  migratedPGliteTemplate,
} from "../support/test-database.js";

const UNITS = 300;
const GROUPS = 60;
const CONCURRENCY = 8;
const SCALE = 4;
const TOKEN = "7000000013:crash-test-token-not-for-telegram";

async function withClient<T>(
  target: DatabaseTarget,
  work: (
    outbox: OutboxRepository,
    count: (status: "SENT" | "PENDING" | "FAILED") => Promise<number>,
  ) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(target);
  const prisma = createPrismaClient(database.adapterFactory);
  try {
    return await work(new OutboxRepository(prisma), (status) =>
      prisma.outboxMessage.count({ where: { status } }),
    );
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

function startSender(
  target: DatabaseTarget,
  apiRoot: string,
): { child: ChildProcess; exited: Promise<number | null> } {
  const tsxLoader = pathToFileURL(join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(
    process.execPath,
    ["--import", tsxLoader, join(projectRoot, "test/outbox/sender-process.ts")],
    {
      env: {
        PATH: process.env.PATH ?? "",
        ...(target.kind === "postgres" ? { DATABASE_URL: target.url } : { PGLITE_DIR: target.dataDir ?? "" }),
        API_ROOT: apiRoot,
        BOT_TOKEN: TOKEN,
        OUTBOX_SCALE: String(SCALE),
        OUTBOX_CONCURRENCY: String(CONCURRENCY),
        LEASE_MS: "2000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited };
}

describe(`the outbox sender killed mid-push on ${databaseLabel()}`, () => {
  const cleanUp: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step();
  });

  it("delivers every message at least once after a SIGKILL and a restart, repeating at most the sends in flight", async () => {
    let target: DatabaseTarget;
    if (testDatabaseUrl) {
      const scratch = await createScratchPostgresDatabase(testDatabaseUrl);
      cleanUp.push(scratch.drop);
      target = { kind: "postgres", url: scratch.url };
    } else {
      const folder = await mkdtemp(join(tmpdir(), "dondoc-crash-"));
      cleanUp.push(() => rm(folder, { recursive: true, force: true }));
      target = { kind: "pglite", dataDir: join(folder, "pglite") };
    }
    const t0 = Date.now();
    // PGlite starts from the migrated template (initdb alone takes seconds); the migrations then find nothing to do.
    const database = await openDatabase(
      target,
      target.kind === "pglite" ? { initialData: await migratedPGliteTemplate() } : {},
    );
    await withMigrationConnection(database, target, (factory) =>
      applyMigrations(factory, { migrationsDir: MIGRATIONS_DIR }),
    );
    await database.close();

    const sandbox = new BotApiSandbox({ token: TOKEN, floodLimits: true, floodScale: SCALE });
    await sandbox.start();
    cleanUp.push(() => sandbox.stop());
    const chats = Array.from({ length: UNITS }, (_, unit) => {
      if (unit < GROUPS) {
        sandbox.addGroup({ id: -(900_000 + unit), title: `Unit ${unit}` });
        return -(900_000 + unit);
      }
      return sandbox.addUser({ id: 900_000 + unit, first_name: `Head ${unit}` }).chatId;
    });
    const messages: NewOutboxMessage[] = chats.map((chatId, unit) => ({
      dedupeKey: `crash:${unit}`,
      chatId,
      kind: "push",
      batch: "crash",
      payload: { method: "sendMessage", text: `<b>Unit ${unit}</b>: 58,3`, parse_mode: "HTML" },
    }));
    await withClient(target, (outbox) => outbox.enqueue(messages));

    // Killed the moment the sandbox records its 100th message: Telegram has it, the sender
    // has not heard back, so at least that one goes out again.
    const first = startSender(target, sandbox.apiRoot);
    cleanUp.push(async () => first.child.kill("SIGKILL"));
    let delivered = 0;
    await sandbox.waitForCall(
      "sendMessage",
      (call) => {
        if (call.ok) delivered++;
        if (delivered < 100) return false;
        first.child.kill("SIGKILL");
        return true;
      },
      20_000,
    );
    await first.exited;
    const beforeRestart = sandbox.calls.filter((call) => call.ok && call.method === "sendMessage").length;
    expect(beforeRestart).toBeLessThan(UNITS);

    const second = startSender(target, sandbox.apiRoot);
    cleanUp.push(async () => second.child.kill("SIGKILL"));
    expect(await second.exited).toBe(0);

    const perChat = chats.map((chatId) => sandbox.messagesIn(chatId).length);
    const duplicates = perChat.reduce((sum, n) => sum + n, 0) - UNITS;
    console.log(
      `crash test (${databaseLabel()}): killed after ${beforeRestart} of ${UNITS} sends; duplicates after restart: ${duplicates} (concurrency ${CONCURRENCY}); ${Date.now() - t0} ms`,
    );
    expect(perChat.filter((n) => n === 0)).toEqual([]);
    expect(duplicates).toBeGreaterThanOrEqual(1);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    expect(sandbox.calls.filter((call) => !call.ok && call.errorCode !== 429)).toEqual([]);
    await withClient(target, async (_outbox, count) => {
      expect([await count("SENT"), await count("PENDING"), await count("FAILED")]).toEqual([UNITS, 0, 0]);
    });
  }, 60_000);
});
