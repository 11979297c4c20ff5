// `npm run cli -- escalations [--json]` lists the open escalations; `npm run cli -- sweep` runs
// the escalation sweep by hand (its notices go to the outbox, which the bot delivers). The
// Center's operators script these.
import { parseArgs } from "node:util";
import type { SweepDeps } from "../app/escalations/sweep-escalations.js";
import { sweepEscalations } from "../app/escalations/sweep-escalations.js";
import type { Locale } from "../domain/locale.js";
import { formatDate } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { levelLabel, reasonLines } from "../render/escalations.js";
import { plainText } from "../render/telegram-limits.js";
import { EscalationsRepository } from "../repositories/escalations.js";

export interface EscalationsOutput {
  t: TFunction;
  locale: Locale;
  timeZone: string;
  out: (line: string) => void;
}

export async function runEscalationsCommand(
  deps: SweepDeps,
  args: string[],
  output: EscalationsOutput,
): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  const open = await new EscalationsRepository(deps.app.db).listOpen();
  if (values.json) {
    output.out(
      JSON.stringify({
        escalations: open.map((escalation) => ({
          unit: { code: escalation.unit.code, name: escalation.unit.nameVi },
          level: escalation.level,
          openedAt: escalation.openedAt.toISOString(),
          reasons: escalation.reasons.map((reason) => reason.code),
          evidence: { reasons: escalation.reasons },
          acknowledgedAt: escalation.acknowledgedAt?.toISOString() ?? null,
          deescalationProposedAt: escalation.deescalationProposedAt?.toISOString() ?? null,
        })),
      }),
    );
    return 0;
  }
  if (open.length === 0) output.out(plainText(output.t("escalations.noneOpen")));
  for (const escalation of open) {
    output.out(
      `${plainText(levelLabel(output.t, escalation.level))} | ${escalation.unit.code ?? "—"} | ${escalation.unit.nameVi} | ${formatDate(output.locale, escalation.openedAt, output.timeZone)} | ${
        escalation.acknowledgedAt
          ? plainText(
              output.t("escalations.acknowledged", {
                date: formatDate(output.locale, escalation.acknowledgedAt, output.timeZone),
              }),
            )
          : plainText(output.t("escalations.notAcknowledged"))
      }`,
    );
    for (const line of reasonLines(output.t, output.locale, escalation.reasons))
      output.out(`    ${plainText(line)}`);
  }
  return 0;
}

export async function runSweepCommand(
  deps: SweepDeps,
  args: string[],
  output: EscalationsOutput,
): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  const summary = await sweepEscalations(deps, { actorLabel: "cli" });
  output.out(
    values.json
      ? JSON.stringify(summary)
      : Object.entries(summary)
          .map(([key, value]) => `${key}: ${value}`)
          .join("\n"),
  );
  return 0;
}
