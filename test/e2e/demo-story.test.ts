// The demo's whole story, played in this process against the local Bot API sandbox with its
// payload checks and flood limits on: the import, an invited unit head, her group, and the
// monthly push reaching both through the outbox, then her list, filters, a dossier and the
// spreadsheet. Nothing the bot sent may be refused but a 429 it waited out.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startDondoc } from "../../src/main.js";
import { DEMO_CENTER_ADMIN, playDemoStory } from "../../src/sandbox/demo-story.js";
import { BotApiSandbox } from "../../src/sandbox/index.js";
import { Transcript } from "../../src/sandbox/transcript.js";
import { testDatabaseUrl } from "../support/services.js";
import { createScratchPostgresDatabase, databaseLabel } from "../support/test-database.js";

const cleanUp: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
});

it(`plays the demo's story end to end on ${databaseLabel()}, every message within Telegram's checks`, async () => {
  const sandbox = new BotApiSandbox({
    token: "7000000003:e2e-story-token-not-for-telegram",
    floodLimits: true,
  });
  await sandbox.start();
  cleanUp.push(() => sandbox.stop());
  const dataDir = await mkdtemp(join(tmpdir(), "dondoc-story-"));
  cleanUp.push(() => rm(dataDir, { recursive: true, force: true }));
  const database = testDatabaseUrl ? await createScratchPostgresDatabase(testDatabaseUrl) : null;
  if (database) cleanUp.push(() => database.drop());
  const parsed = parseConfig({
    BOT_TOKEN: sandbox.token,
    TELEGRAM_API_ROOT: sandbox.apiRoot,
    DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
    HOST: "127.0.0.1",
    PORT: "0",
    CENTER_ADMIN_IDS: String(DEMO_CENTER_ADMIN.id),
    PROVINCE_NAME: "Thành phố Hà Nội",
    LOG_LEVEL: "warn",
  });
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  const app = await startDondoc(parsed.config, createLogger({ level: "warn" }));
  cleanUp.push(() => app.stop());

  const { admin, lan, group } = await playDemoStory(
    sandbox,
    new Transcript(sandbox, () => {}),
    join(dataDir, "sample"),
  );

  expect(admin.messages().some((message) => message.text?.includes("Đã gửi xong"))).toBe(true);
  // Cards are edited in place as they are paged, so what was sent is read from the calls.
  const sentTo = (chatId: number, words: string) =>
    sandbox.calls.filter(
      (call) =>
        call.ok &&
        call.method === "sendMessage" &&
        Number(call.payload.chat_id) === chatId &&
        String(call.payload.text).includes(words),
    );
  expect(sentTo(lan.chatId, "Service index")).toHaveLength(1);
  expect(sentTo(group.id, "Hồ sơ quá hạn")).toHaveLength(1);
  expect(lan.messages().some((message) => message.document?.fileName.endsWith(".xlsx"))).toBe(true);
  const refused = sandbox.calls.filter((call) => !call.ok && call.errorCode !== 429);
  expect(refused.map((call) => `${call.method} ${call.errorCode} ${call.description}`)).toEqual([]);
}, 180_000);
