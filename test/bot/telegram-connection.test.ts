import { GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { describeFailure, fetchBotInfo } from "../../src/bot/telegram-connection.js";
import { TelegramTokenRejected } from "../../src/start-up-failure.js";
import { BOT_INFO, TEST_TOKEN } from "../support/telegram.js";

const refused = () =>
  new HttpError(
    "Network request for 'getMe' failed!",
    Object.assign(new TypeError("fetch failed"), {
      cause: new Error(`connect ECONNREFUSED 127.0.0.1:9 (bot${TEST_TOKEN})`),
    }),
  );
const apiError = (code: number, description: string) =>
  new GrammyError("Call to 'getMe' failed!", { ok: false, error_code: code, description }, "getMe", {});

function world(answers: Array<Error | UserFromGetMe>) {
  const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const slept: number[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
    logged.push({ level, fields, message });
  const options = {
    api: {
      getMe: async () => {
        const answer = answers.shift();
        if (answer === undefined) throw new Error("asked once too often");
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    token: TEST_TOKEN,
    apiRoot: "http://127.0.0.1:9",
    logger: { info: log("info"), warn: log("warn") } as never,
    retryDelaysMs: [10, 20],
    sleep: async (ms: number) => {
      slept.push(ms);
    },
  };
  return { options, logged, slept };
}

describe("fetchBotInfo", () => {
  it("logs each failed attempt with the host and the reason (never the token), then says Telegram was reached", async () => {
    const { options, logged, slept } = world([refused(), apiError(502, "Bad Gateway"), refused(), BOT_INFO]);
    expect(await fetchBotInfo(options)).toEqual(BOT_INFO);
    expect(slept).toEqual([10, 20, 20]);
    expect(logged.map((line) => [line.level, line.message])).toEqual([
      ["warn", "cannot reach Telegram; retrying"],
      ["warn", "cannot reach Telegram; retrying"],
      ["warn", "cannot reach Telegram; retrying"],
      ["info", "Telegram reached"],
    ]);
    expect(logged[0]?.fields).toEqual({
      error: "TelegramNotReachable",
      host: "127.0.0.1:9",
      reason: "connect ECONNREFUSED 127.0.0.1:9 (bot[bot-token])",
      attempt: 1,
      retryInMs: 10,
    });
    expect(logged[1]?.fields.reason).toBe("502 Bad Gateway");
    expect(JSON.stringify(logged)).not.toContain(TEST_TOKEN);
  });

  it("stops at once when the token is refused (401, or 404 from a server that does not know it)", async () => {
    for (const code of [401, 404]) {
      const { options, slept } = world([apiError(code, code === 401 ? "Unauthorized" : "Not Found")]);
      const failure = await fetchBotInfo(options).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TelegramTokenRejected);
      expect(failure).toMatchObject({ apiHost: "127.0.0.1:9", errorCode: code });
      expect(slept).toEqual([]);
    }
  });

  it("names Telegram's own host when no API root is set", async () => {
    const { options, logged } = world([refused(), BOT_INFO]);
    await fetchBotInfo({ ...options, apiRoot: null });
    expect(logged[0]?.fields.host).toBe("api.telegram.org");
  });
});

describe("describeFailure", () => {
  it("says what failed in a few words", () => {
    expect(describeFailure(new HttpError("x", new SyntaxError("Unexpected token <")))).toBe(
      "the answer is not JSON: not a Bot API server",
    );
    expect(
      describeFailure(
        new HttpError(
          "x",
          new Error("request to http://h/botT/getMe failed, reason: getaddrinfo ENOTFOUND h"),
        ),
      ),
    ).toBe("getaddrinfo ENOTFOUND h");
    expect(describeFailure(apiError(500, "Internal Server Error"))).toBe("500 Internal Server Error");
  });
});
