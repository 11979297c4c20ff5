import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import pino from "pino";
import { beforeEach, expect, it } from "vitest";
import { DEFAULT_OUTBOX_RATES, type OutboxRates } from "../../src/domain/outbox.js";
import { createOutboxSender, type OutboxSender, type OutboxSenderDeps } from "../../src/outbox/index.js";
import { type NewOutboxMessage, OutboxRepository } from "../../src/repositories/outbox.js";
import type { BotApiSandbox } from "../../src/sandbox/index.js";
import { startSandbox, stopAfterTest, until } from "../sandbox/helpers.js";
import { describeDatabase } from "../support/test-database.js";

const FAST: OutboxRates = { ...DEFAULT_OUTBOX_RATES, scale: 20 };
const silent = pino({ level: "silent" });

const text = (chatId: number, n: number, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  dedupeKey: `sender-test:${chatId}:${n}`,
  chatId,
  kind: "test",
  batch: "sender-test",
  payload: {
    method: "sendMessage",
    text: `<b>${chatId}</b> #${n}`,
    parse_mode: "HTML",
    reply_markup: { inline_keyboard: [[{ text: "List", callback_data: `l:${n}` }]] },
  },
  ...extra,
});

describeDatabase("the outbox sender against the sandbox", (database) => {
  const prisma = () => database().prisma;
  const outbox = () => new OutboxRepository(prisma());

  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
    await prisma().chatBinding.deleteMany();
    await prisma().person.deleteMany();
  });

  function senderFor(sandbox: BotApiSandbox, options: Partial<OutboxSenderDeps> = {}): OutboxSender {
    const sender = createOutboxSender({
      db: prisma(),
      api: new Api(sandbox.token, { apiRoot: sandbox.apiRoot }),
      rates: FAST,
      logger: silent,
      pollMs: 20,
      ...options,
    });
    stopAfterTest(sender);
    return sender;
  }

  const pending = () => prisma().outboxMessage.count({ where: { status: "PENDING" } });

  it("delivers every message, each chat's in order, within the sandbox's flood limits, and stores the message ids", async () => {
    const sandbox = await startSandbox({ floodLimits: true, floodScale: FAST.scale });
    const users = Array.from({ length: 20 }, (_, i) =>
      sandbox.addUser({ id: 710_000 + i, first_name: `U${i}` }),
    );
    const groups = Array.from({ length: 5 }, (_, i) => -710_000 - i);
    for (const id of groups) sandbox.addGroup({ id, title: `G${id}` });
    const chats = [...users.map((user) => user.chatId), ...groups];
    await outbox().enqueue(chats.flatMap((chatId) => [text(chatId, 1), text(chatId, 2)]));

    const sender = senderFor(sandbox);
    sender.start();
    await until(async () => (await pending()) === 0, 15_000);
    await sender.stop();

    for (const chatId of chats) {
      expect(sandbox.messagesIn(chatId).map((m) => m.text)).toEqual([`${chatId} #1`, `${chatId} #2`]);
    }
    expect(sandbox.calls.filter((call) => call.errorCode === 429)).toEqual([]);
    const rows = await prisma().outboxMessage.findMany({
      where: { chatId: BigInt(groups[0] ?? 0) },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => [row.status, row.telegramMessageId, row.attempts])).toEqual([
      ["SENT", 1, 1],
      ["SENT", 2, 1],
    ]);
    expect(sandbox.messagesIn(groups[0] ?? 0)[0]?.replyMarkup).toEqual({
      inline_keyboard: [[{ text: "List", callback_data: "l:1" }]],
    });
  });

  it("waits out a chat's 429 and a global flood, losing nothing and counting no attempt", async () => {
    // The sandbox allows a private chat 3 at once then 1 a second; the sender is told 20 a second.
    const sandbox = await startSandbox({ floodLimits: true });
    const busy = sandbox.addUser({ id: 720_001, first_name: "Busy" });
    const others = Array.from({ length: 6 }, (_, i) =>
      sandbox.addUser({ id: 720_100 + i, first_name: `O${i}` }),
    );
    await outbox().enqueue([1, 2, 3, 4, 5].map((n) => text(busy.chatId, n)));
    sandbox.floodAllSends(1);
    await outbox().enqueue(others.map((user) => text(user.chatId, 1)));

    const sender = senderFor(sandbox);
    sender.start();
    await until(async () => (await pending()) === 0, 15_000);
    await sender.stop();

    expect(busy.messages().map((m) => m.text)).toEqual([1, 2, 3, 4, 5].map((n) => `${busy.chatId} #${n}`));
    for (const user of others) expect(user.messages()).toHaveLength(1);
    const floods = sandbox.calls.filter((call) => call.errorCode === 429);
    expect(floods.length).toBeGreaterThanOrEqual(3);
    const rows = await prisma().outboxMessage.findMany();
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 1)).toBe(true);
  });

  it("retries server errors with backoff, and gives up after the last attempt", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 730_001, first_name: "Retry" });
    const doomed = sandbox.addUser({ id: 730_002, first_name: "Doomed" });
    await outbox().enqueue([text(user.chatId, 1)]);
    sandbox.failNextSends(2, 502, "Bad Gateway");
    sandbox.failNextSends(1, 500, "Internal Server Error");
    const retry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

    const sender = senderFor(sandbox, { retry });
    sender.start();
    await until(async () => (await pending()) === 0, 10_000);
    const [delivered] = await prisma().outboxMessage.findMany();
    expect(delivered).toMatchObject({ status: "SENT", attempts: 4, lastError: null });
    expect(user.messages()).toHaveLength(1);

    sandbox.failNextSends(4, 503, "Service Unavailable");
    await outbox().enqueue([text(doomed.chatId, 1)]);
    await until(async () => (await pending()) === 0, 10_000);
    await sender.stop();
    expect(
      await prisma().outboxMessage.findFirst({ where: { chatId: BigInt(doomed.chatId) } }),
    ).toMatchObject({
      status: "FAILED",
      attempts: 4,
      lastError: "503 Service Unavailable",
    });
    expect(doomed.messages()).toEqual([]);
  });

  it("fails a blocked chat at once and flags its person and group binding; the others get theirs", async () => {
    const sandbox = await startSandbox();
    const blocker = sandbox.addUser({ id: 740_001, first_name: "Blocker" });
    const fine = sandbox.addUser({ id: 740_002, first_name: "Fine" });
    sandbox.addGroup({ id: -740_001, title: "Gone" });
    sandbox.blockBot(blocker.chatId);
    sandbox.blockBot(-740_001);
    const person = await prisma().person.create({ data: { telegramUserId: BigInt(blocker.id) } });
    const unit = await prisma().unit.upsert({
      where: { normalizedName: "phuong 74 sender" },
      create: { nameVi: "Phường 74", normalizedName: "phuong 74 sender" },
      update: {},
    });
    const binding = await prisma().chatBinding.create({ data: { chatId: -740_001n, unitId: unit.id } });
    await outbox().enqueue([
      text(blocker.chatId, 1, { personId: person.id }),
      text(-740_001, 1, { chatBindingId: binding.id }),
      text(fine.chatId, 1),
    ]);

    expect(await senderFor(sandbox).drainOnce()).toBe(3);

    expect(fine.messages()).toHaveLength(1);
    expect(
      (await prisma().person.findUniqueOrThrow({ where: { id: person.id } })).unreachableSince,
    ).toBeInstanceOf(Date);
    expect(
      (await prisma().chatBinding.findUniqueOrThrow({ where: { id: binding.id } })).unreachableSince,
    ).toBeInstanceOf(Date);
    const progress = await outbox().batchProgress("sender-test");
    expect(progress).toMatchObject({ total: 3, sent: 1, failed: 2, pending: 0 });
    expect(progress.failures.map((failure) => failure.lastError).sort()).toEqual([
      "403 Forbidden: bot was blocked by the user",
      "403 Forbidden: bot was kicked from the group chat",
    ]);
  });

  it("fails a message Telegram refuses without retrying it", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 750_001, first_name: "Html" });
    await outbox().enqueue([
      {
        ...text(user.chatId, 1),
        payload: { method: "sendMessage", text: "<b>unclosed", parse_mode: "HTML" },
      },
    ]);
    expect(await senderFor(sandbox).drainOnce()).toBe(1);
    expect(await prisma().outboxMessage.findFirst()).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: `400 Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    });
  });

  it("stop() waits for the sends in flight and gives back the rows it claimed but did not send", async () => {
    const sandbox = await startSandbox();
    const users = Array.from({ length: 6 }, (_, i) =>
      sandbox.addUser({ id: 760_000 + i, first_name: `S${i}` }),
    );
    await outbox().enqueue(users.map((user) => text(user.chatId, 1)));
    const api = new Api(sandbox.token, { apiRoot: sandbox.apiRoot });
    let entered = 0;
    api.config.use(async (prev, method, payload, signal) => {
      entered++;
      await sleep(400);
      return prev(method, payload, signal);
    });
    // Two at once: two are in flight when stop() is called, four are claimed or queued.
    const sender = senderFor(sandbox, { api, concurrency: 2, leaseMs: 60_000 });
    sender.start();
    await until(() => entered === 2, 5000);
    const stopping = Date.now();
    await sender.stop();

    expect(Date.now() - stopping).toBeGreaterThanOrEqual(250);
    expect(entered).toBe(2);
    const rows = await prisma().outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.filter((row) => row.status === "SENT")).toHaveLength(2);
    const left = rows.filter((row) => row.status === "PENDING");
    expect(left).toHaveLength(4);
    // Given back, not left under a lease: another sender may take them now.
    for (const row of left) {
      expect(row.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
      expect(row.attempts).toBe(0);
    }
  });
});
