import pino, { type Logger } from "pino";

export type { Logger };

// Paths that may carry secrets if an object holding them is ever logged.
const REDACTED_PATHS = [
  "botToken",
  "token",
  "secret",
  "*.botToken",
  "*.token",
  "*.secret",
  "webhook.secret",
  "config.botToken",
  "config.webhook.secret",
  "headers['x-telegram-bot-api-secret-token']",
  "req.headers['x-telegram-bot-api-secret-token']",
];

export function createLogger(options: { level: string; pretty?: boolean }): Logger {
  const transport = options.pretty
    ? { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } }
    : undefined;
  return pino({
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: "[secret]" },
    ...(transport ? { transport } : {}),
  });
}

/** Removes a bot token from text (URLs in error messages carry it). */
export function redactToken(text: string, token: string): string {
  return token ? text.split(token).join("[bot-token]") : text;
}
