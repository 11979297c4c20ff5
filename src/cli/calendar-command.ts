// `npm run cli -- calendar add <date> <HOLIDAY|WORKING_DAY> <name>` and
// `npm run cli -- calendar import <file> [--json]`: the Center extends the working-day table.
// A file is taken whole or not at all; each row's problems are listed.
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { addCalendarDays } from "../app/calendar/add-calendar-days.js";
import type { AppContext } from "../app/context.js";
import type { CalendarEntryError, RawCalendarEntry } from "../domain/calendar-entries.js";
import type { TFunction } from "../i18n/index.js";
import { readCalendarFile } from "../import/calendar-file.js";
import { printFailure } from "./failure.js";
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED } from "./import-command.js";
import { readInputFiles } from "./input-files.js";

const PLAIN = { interpolation: { escapeValue: false } };

export interface CalendarCommandIo {
  t: TFunction;
  out: (line: string) => void;
  /** A relative file name given on the command line, made absolute. */
  resolvePath: (path: string) => string;
}

/** `calendar <add|import> ...`; unknown options throw (the CLI exits 1). */
export async function runCalendarCommand(
  app: AppContext,
  args: string[],
  io: CalendarCommandIo,
): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false } },
  });
  const json = values.json;
  let entries: RawCalendarEntry[];
  let source: string;
  if (subcommand === "add") {
    const [date, kind, ...name] = positionals;
    if (!date || !kind || name.length === 0) return refuse(io, json, io.t("calendar.cli.addUsage"));
    entries = [{ row: 1, date, kind, name: name.join(" ") }];
    source = "cli:add";
  } else if (subcommand === "import") {
    if (positionals.length !== 1) return refuse(io, json, io.t("calendar.cli.importUsage"));
    const read = await readInputFiles([io.resolvePath(positionals[0] as string)], io.t);
    if ("problems" in read) return refuse(io, json, ...read.problems);
    const [file] = read.files;
    const parsed = await readCalendarFile(file?.bytes ?? Buffer.alloc(0));
    if (!parsed.ok) return refuse(io, json, io.t(`calendar.cli.${parsed.problem}`));
    entries = parsed.entries;
    source = `cli:import:${basename(positionals[0] as string)}`;
  } else return refuse(io, json, io.t("calendar.cli.usage"));

  const outcome = await addCalendarDays(app, { by: { actorLabel: "cli" }, entries, source });
  if (outcome.kind === "forbidden") throw new Error("the CLI adds days as a system actor");
  if (outcome.kind === "rejected") {
    const lines = outcome.errors.map((error) => describeError(io.t, error, subcommand === "import"));
    if (json) {
      io.out(
        JSON.stringify(
          {
            ok: false,
            committed: false,
            errors: outcome.errors.map((error) => ({
              row: subcommand === "import" ? error.row : null,
              column: error.field,
              value: error.value,
              message: io.t(`calendar.errors.${error.code}`, PLAIN),
            })),
          },
          null,
          2,
        ),
      );
    } else {
      for (const line of lines) io.out(line);
      io.out(io.t("calendar.cli.rejected"));
    }
    return EXIT_REJECTED;
  }
  const { added, changed, unchanged } = outcome;
  if (json) io.out(JSON.stringify({ ok: true, committed: true, added, changed, unchanged }, null, 2));
  else {
    for (const entry of added) io.out(io.t("calendar.cli.added", { ...entry, ...PLAIN }));
    for (const entry of changed) io.out(io.t("calendar.cli.changed", { ...entry, ...PLAIN }));
    io.out(io.t("calendar.cli.counts", { added: added.length, changed: changed.length, unchanged }));
  }
  return EXIT_OK;
}

function refuse(io: CalendarCommandIo, json: boolean, ...messages: string[]): number {
  printFailure(messages, json, io.out);
  return EXIT_FAILED;
}

function describeError(t: TFunction, error: CalendarEntryError, withRow: boolean): string {
  const reason = t(`calendar.errors.${error.code}`, PLAIN);
  const where = t(`calendar.fields.${error.field}`);
  const value = t("calendar.cli.value", { value: error.value, ...PLAIN });
  return withRow
    ? t("calendar.cli.rowError", { row: error.row, where, value, reason, ...PLAIN })
    : t("calendar.cli.entryError", { where, value, reason, ...PLAIN });
}
