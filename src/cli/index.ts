// `npm run cli -- <command>`: the command-line tools. A composition root of their own: they
// read the environment (and .env) once, open the database, and need no bot token.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { appContext } from "../app/context.js";
import { createEscalationComposer } from "../bot/escalations/compose.js";
import { type DataConfig, parseDataConfig, readEnvironment } from "../config.js";
import { openDatabase, withMigrationConnection } from "../db/database.js";
import { applyMigrations } from "../db/migrations/migrations.js";
import { createPrismaClient, type Db } from "../db/prisma.js";
import { VN_CALENDAR_DAYS } from "../domain/calendar-data/index.js";
import { createTranslator, type TFunction } from "../i18n/index.js";
import { MIGRATIONS_DIR } from "../paths.js";
import { CalendarRepository } from "../repositories/calendar.js";
import { runCalendarCommand } from "./calendar-command.js";
import { parseComplianceArgs, runComplianceCommand } from "./compliance-command.js";
import { runEscalationsCommand, runSweepCommand } from "./escalations-command.js";
import { runExportCommand } from "./export-command.js";
import { argumentError, printFailure } from "./failure.js";
import { EXIT_FAILED, runImportCommand } from "./import-command.js";
import { parseUnitsImportArgs, runUnitsImportCommand } from "./units-command.js";

const USAGE = `Usage:
  npm run cli -- import <file...> [--period YYYY-MM] [--as-of "YYYY-MM-DD HH:mm"] [--dry-run] [--json] [--create-units]

  Imports the portal's unit scores or overdue-dossier lists (.xlsx, .xls, .csv). Several files
  are one batch: all of them or none. Exit code 0: imported (or would be, with --dry-run);
  2: rejected with errors; 1: anything else.

  npm run cli -- units import <file> [--dry-run] [--json]

  Imports the Center's unit list with codes (.xlsx, .xls, .csv): columns Mã đơn vị / Unit code,
  Tên đơn vị / Unit name, and optionally Tên tiếng Anh / English name, Loại / Kind and
  Mã đơn vị cấp trên / Parent code. Known codes are updated, new ones created; any error and
  nothing is written. Same exit codes.

  npm run cli -- escalations [--json]

  Lists the open escalations (level, unit, opened, acknowledged, the evidence).

  npm run cli -- sweep [--json]

  Runs the escalation sweep now (the bot runs it daily and after every confirmed import); its
  notices wait in the outbox until the bot sends them.

  npm run cli -- compliance [--period YYYY-MM] [--unit CODE] [--json]

  Each unit's compliance for a period (the latest imported when absent): overdue dossiers,
  with a cause, with an apology record, resolved (in the bot or finished on the portal),
  waiting for the applicant. Exit code 0: printed; 1: no such list or unit, or bad options.

  npm run cli -- calendar add <date> <HOLIDAY|WORKING_DAY> <name>
  npm run cli -- calendar import <file> [--json]

  Adds announced public holidays and swapped working days to the working-day table (a file:
  .csv, .xlsx or .xls with the columns date, kind, name). All rows or none; every change is
  audited. Exit code 0: written; 2: rejected with errors; 1: anything else.
  npm run cli -- export [--period YYYY-MM] [--out file.xlsx]

  Writes the compliance workbook (units, dossiers with their answers, escalations, inspections)
  of a month's overdue list, the latest when no period is given. Exit code 0: written; 1: not.`;

/**
 * npm runs a script in the project's folder, so a relative file name given on its command line
 * means the folder npm was started in, which npm passes on as INIT_CWD.
 */
function fromUserFolder(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

async function withDatabase<T>(config: DataConfig, work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await withMigrationConnection(database, config.database, (factory) =>
      applyMigrations(factory, { migrationsDir: MIGRATIONS_DIR }),
    );
    const db = createPrismaClient(database.adapterFactory);
    try {
      return await work(db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.close();
  }
}

async function importCommand(config: DataConfig, t: TFunction, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      period: { type: "string" },
      "as-of": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "create-units": { type: "boolean", default: false },
    },
  });
  return withDatabase(config, async (db) => {
    await new CalendarRepository(db).seed(VN_CALENDAR_DAYS);
    return runImportCommand(
      appContext(db),
      { timeZone: config.timeZone, provinceName: config.provinceName },
      {
        files: positionals.map(fromUserFolder),
        period: values.period,
        asOf: values["as-of"],
        dryRun: values["dry-run"],
        json: values.json,
        createUnits: values["create-units"],
      },
      {
        t,
        locale: config.defaultLocale,
        out: (line) => console.log(line),
        isTerminal: Boolean(process.stderr.isTTY),
      },
    );
  });
}

async function unitsCommand(config: DataConfig, t: TFunction, args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "import") {
    console.error(USAGE);
    return EXIT_FAILED;
  }
  const parsed = parseUnitsImportArgs(rest);
  const options = { ...parsed, files: parsed.files.map(fromUserFolder) };
  return withDatabase(config, (db) =>
    runUnitsImportCommand(appContext(db), options, {
      t,
      locale: config.defaultLocale,
      out: (line) => console.log(line),
    }),
  );
}

async function escalationCommands(config: DataConfig, command: "escalations" | "sweep", args: string[]) {
  const translator = createTranslator(config.defaultLocale);
  const output = {
    t: translator.forLocale(config.defaultLocale),
    locale: config.defaultLocale,
    timeZone: config.timeZone,
    out: (line: string) => console.log(line),
  };
  return withDatabase(config, async (db) => {
    const deps = {
      app: appContext(db),
      compose: createEscalationComposer({ translator, timeZone: config.timeZone }),
      defaultLocale: config.defaultLocale,
      timeZone: config.timeZone,
    };
    return command === "sweep"
      ? runSweepCommand(deps, args, output)
      : runEscalationsCommand(deps, args, output);
  });
}

async function complianceCommand(config: DataConfig, t: TFunction, args: string[]): Promise<number> {
  const options = parseComplianceArgs(args);
  return withDatabase(config, (db) =>
    runComplianceCommand(appContext(db), options, {
      t,
      locale: config.defaultLocale,
      timeZone: config.timeZone,
      out: (line) => console.log(line),
    }),
  );
}

async function exportCommand(config: DataConfig, args: string[]): Promise<number> {
  const locale = config.defaultLocale;
  const translator = createTranslator(locale);
  return withDatabase(config, (db) =>
    runExportCommand(
      { app: appContext(db), translator, timeZone: config.timeZone, defaultLocale: locale },
      args,
      {
        t: translator.forLocale(locale),
        locale,
        out: (line) => console.log(line),
        resolvePath: fromUserFolder,
      },
    ),
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const parsed = parseDataConfig(readEnvironment());
  if (!parsed.ok) {
    for (const problem of parsed.problems) console.error(`  - ${problem}`);
    return EXIT_FAILED;
  }
  const locale = parsed.config.defaultLocale;
  const t = createTranslator(locale).forLocale(locale);
  try {
    if (command === "import") return await importCommand(parsed.config, t, args);
    if (command === "units") return await unitsCommand(parsed.config, t, args);
    if (command === "escalations" || command === "sweep")
      return await escalationCommands(parsed.config, command, args);
    if (command === "compliance") return await complianceCommand(parsed.config, t, args);
    if (command === "calendar")
      return await withDatabase(parsed.config, async (db) => {
        await new CalendarRepository(db).seed(VN_CALENDAR_DAYS);
        return runCalendarCommand(appContext(db), args, {
          t,
          out: (line) => console.log(line),
          resolvePath: fromUserFolder,
        });
      });
    if (command === "export") return await exportCommand(parsed.config, args);
  } catch (error) {
    const refusal = argumentError(error, t);
    if (refusal === null) throw error;
    printFailure([refusal], args.includes("--json"), (line) => console.log(line));
    return EXIT_FAILED;
  }
  console.error(USAGE);
  return EXIT_FAILED;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = EXIT_FAILED;
}
