import type { CommandSpec } from "../domain/commands.js";
import type { TFunction } from "../i18n/index.js";

/** The commands a user may use where they are, one a line. */
export function helpText(t: TFunction, commands: readonly CommandSpec[]): string {
  const lines = commands.map((spec) => `/${spec.name} — ${t(`commands.${spec.name}`)}`);
  return [t("help.title"), ...lines].join("\n");
}
