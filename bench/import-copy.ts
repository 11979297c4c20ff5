// The floor an import is measured against: the same dossier rows loaded with a bare COPY into a
// table of 12 typed columns with a primary key on the code, as `psql \copy` would, on the same
// database kind. Only the COPY is timed (its input is made beforehand).
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { copyTextRow } from "../src/db/copy.js";
import type { DatabaseTarget } from "../src/db/database.js";

const TABLE = `CREATE TABLE raw_dossier (
  stt int, code text PRIMARY KEY, procedure_name text NOT NULL, field text, applicant_name text,
  received_at timestamptz NOT NULL, due_at timestamptz NOT NULL, finished_at timestamptz,
  days_overdue int, unit text NOT NULL, handler_name text, portal_status text
)`;
/** The sample's dates are day first ("11/04/2025 11:00"), in the city's zone. */
const SESSION = "SET DateStyle = 'ISO, DMY'; SET TimeZone = 'Asia/Ho_Chi_Minh'";

/** The CSV sample's data rows (below its title rows and header) as COPY text. */
async function copyText(csvPath: string): Promise<{ text: string; rows: number }> {
  const records = parse(await readFile(csvPath), { bom: true, relax_column_count: true }) as string[][];
  const header = records.findIndex((record) => record[0] === "STT");
  const rows = records.slice(header + 1).filter((record) => record[1]);
  return {
    text: rows
      .map((record) => copyTextRow(record.slice(0, 12).map((cell) => (cell === "" ? null : cell))))
      .join(""),
    rows: rows.length,
  };
}

/** Seconds the COPY of the sample's rows took, on a database of its own (made and dropped by the caller). */
export async function rawCopySeconds(
  target: DatabaseTarget,
  csvPath: string,
): Promise<{ seconds: number; rows: number }> {
  const { text, rows } = await copyText(csvPath);
  if (target.kind === "postgres") {
    const [{ default: pg }, { from }] = await Promise.all([import("pg"), import("pg-copy-streams")]);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(SESSION);
      await client.query(TABLE);
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(from("COPY raw_dossier FROM STDIN"));
        stream.on("finish", resolve);
        stream.on("error", reject);
        stream.end(text);
      });
      return { seconds: (performance.now() - started) / 1000, rows };
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(target.dataDir === null ? {} : { dataDir: target.dataDir });
  try {
    await pglite.exec(`${SESSION}; ${TABLE}`);
    const started = performance.now();
    await pglite.query("COPY raw_dossier FROM '/dev/blob'", [], { blob: new Blob([text]) });
    return { seconds: (performance.now() - started) / 1000, rows };
  } finally {
    await pglite.close();
  }
}
