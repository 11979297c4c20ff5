// Tells a failure to reach the database (down, restarting, out of connections) from a bug: the
// first is worth a "please try again" to the user, the second an apology and a stack trace in
// the log.

/** Prisma's DriverAdapterError kinds (its `cause.kind`) that mean the server could not be used. */
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

/** Prisma's own codes for the same: can't reach, timed out, closed, no connection from the pool. */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** node's socket errors, and PostgreSQL's "the server is shutting down / starting" (57P01-57P03) and connection class 08. */
const UNAVAILABLE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|57P0[123]|08\w{3})$/;

const MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /connection timeout/i,
];

/** True when `error`, or an error it wraps, says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); ) {
    seen.add(current);
    const { cause, code, kind, message, name } = current as {
      cause?: unknown;
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      name?: unknown;
    };
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    if (typeof code === "string" && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_CODES.test(code)))
      return true;
    if (name === "PrismaClientInitializationError") return true;
    if (typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = cause;
  }
  return false;
}
