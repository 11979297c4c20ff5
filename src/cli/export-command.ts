// `npm run cli -- export [--period YYYY-MM] [--out file.xlsx]`: the digest's workbook for a
// month's overdue list (the latest when no period is given), streamed to a file: the Center's
// version, as the Center's own operator runs the command line.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import type { DigestDeps } from "../app/digest/digest-report.js";
import { exportDigestWorkbook } from "../app/digest/show-digest.js";
import type { Locale } from "../config.js";
import type { PeriodMonth } from "../domain/period.js";
import { formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { EXIT_FAILED, EXIT_OK } from "./import-command.js";

const PLAIN = { interpolation: { escapeValue: false } };

export interface ExportCommandIo {
  t: TFunction;
  locale: Locale;
  out: (line: string) => void;
  /** Where a relative --out (and the default file) goes: the folder the user ran npm in. */
  resolvePath: (path: string) => string;
}

export async function runExportCommand(
  deps: DigestDeps,
  args: string[],
  io: ExportCommandIo,
): Promise<number> {
  const { values } = parseArgs({ args, options: { period: { type: "string" }, out: { type: "string" } } });
  let period: PeriodMonth | undefined;
  if (values.period !== undefined) {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(values.period);
    if (!match) {
      io.out(io.t("digest.cli.badPeriod", { value: values.period, ...PLAIN }));
      io.out(io.t("digest.cli.usage", PLAIN));
      return EXIT_FAILED;
    }
    period = { year: Number(match[1]), month: Number(match[2]) };
  }
  // Written aside and renamed when complete: a failed export leaves no half file behind.
  const target = values.out ? io.resolvePath(values.out) : null;
  const partial = join(dirname(target ?? io.resolvePath(".")), `.dondoc-export-${process.pid}.partial`);
  const file = createWriteStream(partial);
  try {
    const outcome = await exportDigestWorkbook(
      deps,
      { by: { actorLabel: "cli" }, locale: io.locale, ...(period ? { period } : {}) },
      file,
    );
    if (outcome.kind !== "done") {
      file.end();
      await finished(file);
      await rm(partial, { force: true });
      io.out(
        outcome.kind === "noData" && outcome.period
          ? io.t("digest.noDataFor", {
              month: formatMonth(io.locale, outcome.period.year, outcome.period.month),
              ...PLAIN,
            })
          : io.t("digest.noList", PLAIN),
      );
      return EXIT_FAILED;
    }
    await finished(file);
    const path = target ?? io.resolvePath(outcome.fileName);
    await rename(partial, path);
    const { digest } = outcome;
    io.out(
      io.t("digest.cli.written", {
        file: path,
        month: digest.list ? formatMonth(io.locale, digest.list.period.year, digest.list.period.month) : "",
        units: formatNumber(io.locale, digest.totals.units),
        dossiers: formatNumber(io.locale, digest.totals.overdue),
        at: formatDateTime(io.locale, digest.at, deps.timeZone),
        ...PLAIN,
      }),
    );
    return EXIT_OK;
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
