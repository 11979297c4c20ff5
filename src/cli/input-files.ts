// The files named on the command line, read whole before anything else happens, so that a
// missing or unreadable one stops the command with a translated message and nothing written.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { TFunction } from "../i18n/index.js";

export interface InputFile {
  path: string;
  fileName: string;
  bytes: Buffer;
}

const KNOWN_REASONS = new Set(["ENOENT", "EACCES", "EISDIR"]);

/** Every file's bytes, or why some could not be read (a translated line each). */
export async function readInputFiles(
  paths: readonly string[],
  t: TFunction,
): Promise<{ files: InputFile[] } | { problems: string[] }> {
  const results = await Promise.all(
    paths.map(async (path): Promise<InputFile | string> => {
      try {
        return { path, fileName: basename(path), bytes: await readFile(path) };
      } catch (error) {
        const why = reason(t, error as NodeJS.ErrnoException);
        return t("imports.cli.unreadable", { path, reason: why, interpolation: { escapeValue: false } });
      }
    }),
  );
  const problems = results.filter((result) => typeof result === "string");
  const files = results.filter((result) => typeof result !== "string");
  return problems.length > 0 ? { problems } : { files };
}

function reason(t: TFunction, error: NodeJS.ErrnoException): string {
  return error.code && KNOWN_REASONS.has(error.code) ? t(`imports.cli.reasons.${error.code}`) : error.message;
}
