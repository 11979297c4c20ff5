// `COPY ... FROM STDIN` on the connection of a Prisma interactive transaction: the fastest way
// into PostgreSQL for tens of thousands of rows (one stream, no parameters, no statements
// per batch). Prisma has no COPY, so it goes to the driver under the adapter's transaction:
// pg's client through pg-copy-streams, PGlite's through its `/dev/blob` device.
import type { Transaction } from "@prisma/driver-adapter-utils";

/** Rows going into a table in PostgreSQL's COPY text format (see `copyTextRow`). */
export interface CopyIn {
  /** Lines, each ending "\n"; resolves once the driver can take more. */
  write(lines: string): Promise<void>;
  /** Ends the COPY; the rows copied. */
  end(): Promise<number>;
}

/** What the adapters' transactions hold (not in their typings): the driver's connection. */
interface PgTransactionInternals {
  client: { query(submittable: unknown): unknown };
}
interface PGliteTransactionInternals {
  client: {
    query(sql: string, params: unknown[], options: { blob: Blob }): Promise<{ affectedRows?: number }>;
  };
}

/** PGlite's COPY gets its rows as one Blob: they are sent this many characters at a time. */
const PGLITE_COPY_CHARS = 4 * 1024 * 1024;

/**
 * Starts `COPY table (columns) FROM STDIN` on the transaction's connection. On PostgreSQL the
 * connection is busy until `end()`: send nothing else on the transaction meanwhile.
 */
export async function copyIn(
  transaction: Transaction,
  table: string,
  columns: readonly string[],
): Promise<CopyIn> {
  const target = `${table} (${columns.map((column) => `"${column}"`).join(", ")})`;
  if (transaction.adapterName === "@prisma/adapter-pg") {
    return pgCopyIn((transaction as unknown as PgTransactionInternals).client, target);
  }
  if (transaction.adapterName === "pglite-prisma-adapter") {
    return pgliteCopyIn((transaction as unknown as PGliteTransactionInternals).client, target);
  }
  throw new Error(`COPY is not wired for the adapter ${transaction.adapterName}`);
}

async function pgCopyIn(client: PgTransactionInternals["client"], target: string): Promise<CopyIn> {
  const { from } = await import("pg-copy-streams");
  const stream = from(`COPY ${target} FROM STDIN`);
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", (error) => {
      failure = error;
      reject(error);
    });
  });
  // Rejections surface through write() and end(); this only keeps one from going unhandled.
  finished.catch(() => {});
  client.query(stream);
  return {
    write: async (lines) => {
      if (failure) throw failure;
      if (!stream.write(lines)) {
        await new Promise<void>((resolve) => {
          const settle = () => {
            stream.off("drain", settle);
            stream.off("error", settle);
            resolve();
          };
          stream.on("drain", settle);
          stream.on("error", settle);
        });
        if (failure) throw failure;
      }
    },
    end: async () => {
      stream.end();
      await finished;
      return stream.rowCount;
    },
  };
}

function pgliteCopyIn(client: PGliteTransactionInternals["client"], target: string): CopyIn {
  let pending: string[] = [];
  let pendingChars = 0;
  let copied = 0;
  const flush = async () => {
    if (pendingChars === 0) return;
    const blob = new Blob(pending);
    pending = [];
    pendingChars = 0;
    const result = await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
    copied += result.affectedRows ?? 0;
  };
  return {
    write: async (lines) => {
      pending.push(lines);
      pendingChars += lines.length;
      if (pendingChars >= PGLITE_COPY_CHARS) await flush();
    },
    end: async () => {
      await flush();
      return copied;
    },
  };
}

/** One value in COPY's text format: null as \N, the format's special characters escaped. */
function copyTextValue(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(
        /[\\\t\n\r]/g,
        (char) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[char] ?? char,
      )
    : value;
}

/** A row as a line of COPY's text format. */
export function copyTextRow(values: readonly (string | number | null)[]): string {
  return `${values.map(copyTextValue).join("\t")}\n`;
}
