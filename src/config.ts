import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { z } from "zod";
import type { DatabaseTarget } from "./db/database.js";
import { type Locale, SUPPORTED_LOCALES } from "./domain/locale.js";
import { DEFAULT_OUTBOX_RATES, type OutboxRates } from "./domain/outbox.js";

export { type Locale, SUPPORTED_LOCALES };

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const emptyAsMissing = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsMissing, schema.optional());

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const telegramUserIds = z
  .string()
  .transform((list) =>
    list
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => id.trim()),
  )
  .pipe(z.array(z.string().regex(/^\d{1,15}$/, "must be numeric Telegram user ids, comma separated")))
  .transform((ids) => ids.map(Number));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
  .refine((value) => URL.canParse(value), "is not a valid URL");

const configSchema = z.object({
  BOT_TOKEN: z.preprocess(
    emptyAsMissing,
    z
      .string({
        error:
          "is missing: create a bot with @BotFather in Telegram and put BOT_TOKEN=<token> in .env (see .env.example), or run `npm run demo` to try Dondoc without one",
      })
      .regex(
        /^\d+:[A-Za-z0-9_-]{20,}$/,
        "does not look like a token from @BotFather (digits, a colon, then at least 20 characters)",
      ),
  ),
  BOT_MODE: z.preprocess(emptyAsMissing, z.enum(["polling", "webhook"]).default("polling")),
  WEBHOOK_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -"),
  ),
  HOST: z.preprocess(emptyAsMissing, z.string().default("0.0.0.0")),
  PORT: z.preprocess(emptyAsMissing, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_URL: optional(postgresUrl),
  DATA_DIR: z.preprocess(emptyAsMissing, z.string().default("./data")),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")),
  TELEGRAM_API_ROOT: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  DEFAULT_LOCALE: z.preprocess(emptyAsMissing, z.enum(SUPPORTED_LOCALES).default("vi")),
  TIMEZONE: z.preprocess(
    emptyAsMissing,
    z.string().refine(isTimeZone, "is not an IANA time zone").default("Asia/Ho_Chi_Minh"),
  ),
  LOG_LEVEL: z.preprocess(emptyAsMissing, z.enum(LOG_LEVELS).default("info")),
  CENTER_ADMIN_IDS: z.preprocess(emptyAsMissing, telegramUserIds.default([])),
  PROVINCE_NAME: optional(z.string().trim().min(2, "is too short")),
  INVITE_TTL_DAYS: z.preprocess(emptyAsMissing, z.coerce.number().int().min(1).max(90).default(7)),
  OUTBOX_RATE_GLOBAL_PER_SECOND: z.preprocess(
    emptyAsMissing,
    z.coerce.number().positive().max(1000).default(DEFAULT_OUTBOX_RATES.globalPerSecond),
  ),
  OUTBOX_RATE_PRIVATE_PER_SECOND: z.preprocess(
    emptyAsMissing,
    z.coerce.number().positive().max(100).default(DEFAULT_OUTBOX_RATES.privatePerSecond),
  ),
  OUTBOX_RATE_GROUP_PER_MINUTE: z.preprocess(
    emptyAsMissing,
    z.coerce.number().positive().max(6000).default(DEFAULT_OUTBOX_RATES.groupPerMinute),
  ),
  OUTBOX_CONCURRENCY: z.preprocess(emptyAsMissing, z.coerce.number().int().min(1).max(100).default(8)),
});

type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  botToken: string;
  mode: "polling" | "webhook";
  webhook: { url: string; secret: string } | null;
  host: string;
  port: number;
  database: DatabaseTarget;
  redisUrl: string | null;
  telegramApiRoot: string | null;
  defaultLocale: Locale;
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  centerAdminIds: number[];
  /** How score sheets name the province itself, e.g. "Thành phố Hà Nội"; units of kind PROVINCE count too. */
  provinceName: string | null;
  /** How long an invite link stays valid. */
  inviteTtlDays: number;
  /** The outbox sender's pace (Telegram's limits are not published exactly) and parallel sends. */
  outbox: { rates: OutboxRates; concurrency: number };
}

/** What the command-line tools need: everything but the bot. */
export type DataConfig = Omit<Config, "botToken" | "mode" | "webhook" | "telegramApiRoot">;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Validates the environment once; every problem becomes one line naming the variable, never its value. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = configSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")} ${issue.message}`)),
    ...webhookProblems(env),
  ];
  const unique = [...new Set(problems)];
  if (!parsed.success || unique.length > 0) return { ok: false, problems: unique };
  return { ok: true, config: toConfig(parsed.data) };
}

/** The settings of the command-line tools, which need no bot token. */
export function parseDataConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: DataConfig } | { ok: false; problems: string[] } {
  const result = parseConfig({
    ...env,
    BOT_TOKEN: "0:not-needed-by-command-line-tools",
    BOT_MODE: "polling",
  });
  if (!result.ok) return result;
  const { botToken: _token, mode: _mode, webhook: _webhook, telegramApiRoot: _root, ...data } = result.config;
  return { ok: true, config: data };
}

/** Checked apart from the schema so that they are reported alongside every other problem. */
function webhookProblems(env: Record<string, string | undefined>): string[] {
  if (env.BOT_MODE !== "webhook") return [];
  return (["WEBHOOK_URL", "WEBHOOK_SECRET"] as const)
    .filter((name) => !env[name])
    .map((name) => `${name} is required when BOT_MODE=webhook`);
}

function toConfig(env: RawConfig): Config {
  return {
    botToken: env.BOT_TOKEN,
    mode: env.BOT_MODE,
    webhook:
      env.BOT_MODE === "webhook" && env.WEBHOOK_URL && env.WEBHOOK_SECRET
        ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET }
        : null,
    host: env.HOST,
    port: env.PORT,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: `${env.DATA_DIR.replace(/\/+$/, "")}/pglite` },
    redisUrl: env.REDIS_URL ?? null,
    telegramApiRoot: env.TELEGRAM_API_ROOT ?? null,
    defaultLocale: env.DEFAULT_LOCALE,
    timeZone: env.TIMEZONE,
    logLevel: env.LOG_LEVEL,
    centerAdminIds: env.CENTER_ADMIN_IDS,
    provinceName: env.PROVINCE_NAME ?? null,
    inviteTtlDays: env.INVITE_TTL_DAYS,
    outbox: {
      rates: {
        globalPerSecond: env.OUTBOX_RATE_GLOBAL_PER_SECOND,
        privatePerSecond: env.OUTBOX_RATE_PRIVATE_PER_SECOND,
        groupPerMinute: env.OUTBOX_RATE_GROUP_PER_MINUTE,
        scale: 1,
      },
      concurrency: env.OUTBOX_CONCURRENCY,
    },
  };
}

/** The process environment over the `.env` file: a variable set in the shell wins. */
export function readEnvironment(
  envFile = ".env",
  processEnv = process.env,
): Record<string, string | undefined> {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseEnv(readFileSync(envFile, "utf8")) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return { ...fromFile, ...processEnv };
}
