// Why Dondoc could not start, as one log line an operator can act on: what failed (a stable
// `error` name to search for), where (host and port, never a password) and what to check.
// Start-up runs once, so the words here are for the operator in English, like the rest of the log.

/** The fields of the "start-up failed" log line. */
export interface StartUpFailure {
  error: string;
  /** What to look at first. */
  check: string;
  [detail: string]: unknown;
}

/** Thrown when Telegram (or the Bot API server at TELEGRAM_API_ROOT) refuses BOT_TOKEN. */
export class TelegramTokenRejected extends Error {
  constructor(
    readonly apiHost: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Telegram refused the bot token: ${errorCode} ${description}`);
    this.name = "TelegramTokenRejected";
  }
}

/** Thrown when Redis cannot be reached at start. */
export class RedisNotReachable extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly reason: string,
  ) {
    super(`Redis at ${host}:${port} is not reachable: ${reason}`);
    this.name = "RedisNotReachable";
  }
}

/** The PostgreSQL driver's failure kinds (Prisma's DriverAdapterError) and what each asks of the operator. */
const DATABASE_CHECKS: Record<string, string> = {
  DatabaseNotReachable:
    "Is PostgreSQL running and listening there? Check the host and port in DATABASE_URL, the server's listen_addresses, and any firewall or container network in between.",
  SocketTimeout:
    "PostgreSQL did not answer in time. Check the host and port in DATABASE_URL and the network in between.",
  ConnectionClosed: "PostgreSQL closed the connection. Check its log, max_connections and pg_hba.conf.",
  TlsConnectionError: "The TLS handshake failed. Check sslmode in DATABASE_URL and the server's certificate.",
  AuthenticationFailed: "Check the user name and password in DATABASE_URL.",
  DatabaseAccessDenied:
    "The user may not connect. Check the user in DATABASE_URL exists and pg_hba.conf lets it connect to this database.",
  DatabaseDoesNotExist: "Create the database (createdb <name>) or fix its name at the end of DATABASE_URL.",
  TooManyConnections: "PostgreSQL has no free connection. Check max_connections and other clients.",
};

/** The log fields for a failure of `startDondoc`. */
export function describeStartUpFailure(
  error: unknown,
  // Structurally db/database.ts's DatabaseTarget (db/ imports this file's errors, not the reverse).
  settings: { database: { kind: "pglite" } | { kind: "postgres"; url: string } },
): StartUpFailure {
  if (error instanceof TelegramTokenRejected) {
    return {
      error: "TelegramTokenRejected",
      host: error.apiHost,
      status: error.errorCode,
      description: error.description,
      check:
        "BOT_TOKEN is wrong or was revoked: copy it again from @BotFather (/mybots, API Token). If TELEGRAM_API_ROOT is set, check it is a Bot API server that knows this bot.",
    };
  }
  if (error instanceof RedisNotReachable) {
    return {
      error: "RedisNotReachable",
      host: error.host,
      port: error.port,
      reason: error.reason,
      check: "Is Redis running there? Check REDIS_URL, or leave it unset to keep sessions in the database.",
    };
  }
  const kind = driverFailureKind(error);
  if (kind && settings.database.kind === "postgres") {
    return {
      error: kind,
      ...postgresEndpoint(settings.database.url),
      check: DATABASE_CHECKS[kind] ?? "Check DATABASE_URL and PostgreSQL's log.",
    };
  }
  return {
    error: error instanceof Error ? error.name : "Error",
    message: error instanceof Error ? error.message : String(error),
    check: "See the message; the lines above it say what had started.",
  };
}

/** Prisma's DriverAdapterError carries the driver's failure as `cause.kind`. */
export function driverFailureKind(error: unknown): string | null {
  const cause = (error as { cause?: { kind?: unknown } } | null)?.cause;
  return typeof cause?.kind === "string" ? cause.kind : null;
}

/** Where DATABASE_URL points, without its password. */
function postgresEndpoint(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || null,
    user: decodeURIComponent(parsed.username) || null,
  };
}
