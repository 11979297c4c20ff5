// `npm run cli -- compliance [--period YYYY-MM] [--unit CODE] [--json]`: each unit's compliance
// with the dispatch for a period (overdue, with a cause, with an apology record, resolved,
// paused), from the period's current overdue list.
import { parseArgs } from "node:util";
import { z } from "zod";
import type { AppContext } from "../app/context.js";
import { complianceReport } from "../app/reports/compliance-report.js";
import type { Locale } from "../config.js";
import type { UnitCompliance } from "../domain/compliance.js";
import { periodKey } from "../domain/period.js";
import { formatDateTime, formatMonth, formatNumber } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { printFailure } from "./failure.js";
import { EXIT_FAILED, EXIT_OK } from "./import-command.js";

/** Plain text for a terminal: values are not HTML-escaped. */
const PLAIN = { interpolation: { escapeValue: false } };

export interface ComplianceCommandIo {
  t: TFunction;
  locale: Locale;
  timeZone: string;
  out: (line: string) => void;
}

const optionsSchema = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period")
    .optional(),
  unit: z.string().trim().min(1, "unit").optional(),
  json: z.boolean(),
  positionals: z.array(z.string()).max(0, "noArguments"),
});

export type ComplianceOptions = z.input<typeof optionsSchema>;

/** The arguments after `compliance`; unknown options throw (the CLI exits 1). */
export function parseComplianceArgs(args: string[]): ComplianceOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      period: { type: "string" },
      unit: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  return { period: values.period, unit: values.unit, json: values.json, positionals };
}

export async function runComplianceCommand(
  app: AppContext,
  rawOptions: ComplianceOptions,
  io: ComplianceCommandIo,
): Promise<number> {
  const parsed = optionsSchema.safeParse(rawOptions);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => io.t(`compliance.options.${issue.message}`));
    printFailure(messages, rawOptions.json === true, io.out);
    return EXIT_FAILED;
  }
  const { period, unit, json } = parsed.data;
  const [year, month] = (period ?? "").split("-").map(Number);
  const outcome = await complianceReport(app, {
    by: { actorLabel: "cli" },
    ...(period ? { period: { year: year as number, month: month as number } } : {}),
    ...(unit ? { unitCode: unit } : {}),
  });
  if (outcome.kind !== "done") {
    const message =
      outcome.kind === "unknownUnit"
        ? io.t("compliance.unknownUnit", { code: outcome.code, ...PLAIN })
        : outcome.kind === "noList"
          ? io.t(period ? "compliance.noListFor" : "compliance.noList", { period, ...PLAIN })
          : io.t("compliance.forbidden");
    printFailure([message], json, io.out);
    return EXIT_FAILED;
  }
  const { snapshot, units } = outcome;
  if (json) {
    io.out(
      JSON.stringify(
        {
          period: periodKey(snapshot.period),
          asOf: snapshot.asOf.toISOString(),
          units: units.map(({ unit: row, compliance }) => ({
            code: row.code,
            name: row.nameVi,
            overdue: compliance.overdue,
            withCause: compliance.withCause,
            withApology: compliance.withApology,
            resolved: compliance.resolved,
            paused: compliance.paused,
          })),
        },
        null,
        2,
      ),
    );
    return EXIT_OK;
  }
  const { t, locale } = io;
  io.out(
    t("compliance.title", {
      month: formatMonth(locale, snapshot.period.year, snapshot.period.month),
      asOf: formatDateTime(locale, snapshot.asOf, io.timeZone),
      ...PLAIN,
    }),
  );
  if (units.length === 0) io.out(t("compliance.noUnits"));
  for (const { unit: row, compliance } of units) {
    const name = row.code ? `${row.code} ${row.nameVi}` : row.nameVi;
    io.out(`${name}: ${complianceLine(t, locale, compliance)}`);
  }
  return EXIT_OK;
}

/** "overdue 8; with a cause 6 (75%); …" in the CLI's language. */
function complianceLine(t: TFunction, locale: Locale, compliance: UnitCompliance): string {
  if (compliance.overdue === 0) return t("compliance.none");
  const part = (key: "withCause" | "withApology" | "resolved" | "paused") => {
    const value = compliance.shares[key] ?? 0;
    return t(`compliance.${key}`, {
      count: formatNumber(locale, compliance[key]),
      percent: formatNumber(locale, value * 100, { fractionDigits: 0 }),
    });
  };
  return [
    t("compliance.overdue", { count: formatNumber(locale, compliance.overdue) }),
    part("withCause"),
    part("withApology"),
    part("resolved"),
    part("paused"),
  ].join("; ");
}
