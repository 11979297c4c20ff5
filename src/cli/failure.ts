import type { TFunction } from "../i18n/index.js";

// How a command that did nothing says why: a line per problem, or with --json one object, so
// that a script parsing the answer gets JSON whatever happened.
export function printFailure(messages: readonly string[], json: boolean, out: (line: string) => void): void {
  if (!json) {
    for (const message of messages) out(message);
    return;
  }
  const errors = messages.map((message) => ({ row: null, column: null, value: null, message }));
  out(JSON.stringify({ ok: false, committed: false, errors }, null, 2));
}

/**
 * node:util parseArgs's refusals (an unknown option, an option without its value, a value given
 * to a switch), translated; null for any other error.
 */
export function argumentError(error: unknown, t: TFunction): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  // "Option '--period <value>' argument missing": the option is the quote's first word.
  const option = /'([^' ]+)/.exec(message)?.[1] ?? "";
  const plain = { option, interpolation: { escapeValue: false } };
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return t("imports.cli.options.unknownOption", plain);
  if (code !== "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return null;
  return t(
    message.includes("argument missing")
      ? "imports.cli.options.missingValue"
      : "imports.cli.options.takesNoValue",
    plain,
  );
}
