// `npm run demo`: Dondoc on its embedded database, talking to the local Bot API sandbox
// instead of Telegram, with a short scripted conversation printed as a transcript.
// No token, no network, no servers.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { parseConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { startDondoc } from "../main.js";
import { BotApiSandbox } from "./bot-api-sandbox.js";
import { DEMO_CENTER_ADMIN, playDemoStory } from "./demo-story.js";
import { Transcript } from "./transcript.js";

async function demo() {
  const sandbox = new BotApiSandbox({
    token: "7000000001:sandbox-demo-token-not-for-telegram",
    floodLimits: true,
  });
  await sandbox.start();
  const dataDir = join("data", "demo");
  await resetDemoDatabase(join(dataDir, "pglite"));
  const parsed = parseConfig({
    BOT_TOKEN: sandbox.token,
    TELEGRAM_API_ROOT: sandbox.apiRoot,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    CENTER_ADMIN_IDS: String(DEMO_CENTER_ADMIN.id),
    PROVINCE_NAME: "Thành phố Hà Nội",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));

  console.log(
    "Dondoc demo: the bot runs on an embedded PostgreSQL (PGlite) against the local Bot API sandbox.",
  );
  const app = await startDondoc(parsed.config, createLogger({ level: parsed.config.logLevel, pretty: true }));
  console.log(
    `Bot @${app.bot.botInfo.username} is polling ${sandbox.apiRoot}; health checks on port ${app.httpAddress.port}.`,
  );

  try {
    await playDemoStory(sandbox, new Transcript(sandbox), join(dataDir, "sample"));
    summarise(sandbox);
  } finally {
    await app.stop();
    await sandbox.stop();
  }
}

/**
 * Every run starts from an empty database. The data folder itself is kept: creating a new
 * embedded database takes PGlite about ten seconds, emptying one well under a second.
 */
async function resetDemoDatabase(pgliteDir: string) {
  if (!existsSync(pgliteDir)) {
    console.log("First run: creating the embedded database in data/demo (about ten seconds)...");
    return;
  }
  const database = new PGlite(pgliteDir);
  await database.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await database.close();
}

function summarise(sandbox: BotApiSandbox) {
  const counts = new Map<string, number>();
  for (const call of sandbox.calls) {
    if (call.method === "getUpdates") continue;
    counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
  }
  const refused = sandbox.calls.filter((call) => !call.ok);
  console.log(`\nBot API calls: ${[...counts].map(([method, count]) => `${method} ×${count}`).join(", ")}`);
  if (refused.length === 0) console.log("The sandbox refused no call.");
  for (const call of refused) {
    const note =
      call.errorCode === 429 ? " (Telegram's flood limit: auto-retry waited and sent it again)" : "";
    console.log(`Refused: ${call.method} ${call.errorCode} ${call.description}${note}`);
  }
}

await demo();
