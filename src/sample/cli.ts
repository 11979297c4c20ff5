// npm run sample -- [--units N] [--dossiers N] [--out DIR] [--seed S] [--format xlsx|csv|xls] [--units-file PATH]
// Writes a month of portal exports (unit scores, overdue dossiers) generated from the units file.
import { relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { VN_CALENDAR_DAYS } from "../domain/calendar-data/index.js";
import { createWorkingCalendar } from "../domain/working-days.js";
import { DEFAULT_DOSSIERS, DEFAULT_SEED, generateSampleMonth, SampleOptionsError } from "./generate.js";
import { loadUnitsFile, UnitsFileError } from "./units-data.js";
import { FORMATS, type SampleFormat, writeSampleMonth } from "./write.js";

const DEFAULT_UNITS_FILE = "samples/hanoi/units.json";
const DEFAULT_OUT = "./data/sample";

const USAGE = `Usage: npm run sample -- [options]

  --units N          use the first N units of the units file (default: all)
  --dossiers N       overdue dossiers to list (default: ${DEFAULT_DOSSIERS})
  --out DIR          output directory (default: ${DEFAULT_OUT})
  --seed S           seed of the generator; the same seed gives the same files (default: ${DEFAULT_SEED})
  --format F         ${FORMATS.join(" | ")} (default: xlsx)
  --units-file PATH  the province, its units and its month's figures (default: ${DEFAULT_UNITS_FILE})
  --help             show this help`;

class UsageError extends Error {}

function wholeNumber(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < min)
    throw new UsageError(`--${name} must be at least ${min}`);
  return number;
}

function parse(argv: string[]) {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        units: { type: "string" },
        dossiers: { type: "string" },
        out: { type: "string" },
        seed: { type: "string" },
        format: { type: "string" },
        "units-file": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = (values.format as string | undefined) ?? "xlsx";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not ${JSON.stringify(format)}`);
  }
  const seed = (values.seed as string | undefined) ?? DEFAULT_SEED;
  if (seed.trim() === "") throw new UsageError("--seed must not be empty");
  const out = (values.out as string | undefined) ?? DEFAULT_OUT;
  if (out.trim() === "") throw new UsageError("--out must not be empty");
  return {
    help: values.help === true,
    units: wholeNumber("units", values.units as string | undefined, 1),
    dossiers: wholeNumber("dossiers", values.dossiers as string | undefined, 0) ?? DEFAULT_DOSSIERS,
    out,
    seed,
    format: format as SampleFormat,
    unitsFile: (values["units-file"] as string | undefined) ?? DEFAULT_UNITS_FILE,
  };
}

export async function main(argv: string[]): Promise<number> {
  try {
    const options = parse(argv);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const started = performance.now();
    const file = await loadUnitsFile(options.unitsFile);
    const calendar = createWorkingCalendar(VN_CALENDAR_DAYS);
    const month = generateSampleMonth(file, calendar, {
      units: options.units,
      dossiers: options.dossiers,
      seed: options.seed,
    });
    const generated = performance.now();
    const [scores, dossiers] = await writeSampleMonth(month, options.out, options.format);
    const done = performance.now();
    const period = `${month.period.month}/${month.period.year}`;
    const withDossiers = new Set(month.dossiers.map((dossier) => dossier.unitCode)).size;
    const display = (path: string) => {
      const shown = relative(process.cwd(), path);
      return shown && !shown.startsWith("..") ? shown : resolve(path);
    };
    console.log(
      `Sample month ${period} of ${file.province.nameVi} (seed ${month.seed}, as of ${file.reference.asOf})`,
    );
    console.log(
      `  ${display(scores.path)}: unit scores, 1 province row + ${scores.rows - 1} units (of ${file.units.length} in ${options.unitsFile})`,
    );
    console.log(
      `  ${display(dossiers.path)}: ${dossiers.rows} overdue dossiers across ${withDossiers} units`,
    );
    console.log(
      `  generated in ${((generated - started) / 1000).toFixed(1)} s, written in ${((done - generated) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof SampleOptionsError ||
      error instanceof UnitsFileError
    ) {
      console.error(`sample: ${error.message}`);
      if (error instanceof UsageError) console.error(`\n${USAGE}`);
      return 2;
    }
    console.error("sample: failed:", error);
    return 1;
  }
}

// Run only as the entry point (tests import main()).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
