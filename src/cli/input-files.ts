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

/** Every file's bytes, or null after `out` has said which files could not be read and why. */
export async function readInputFiles(
  paths: readonly string[],
  t: TFunction,
  out: (line: string) => void,
): Promise<InputFile[] | null> {
  const results = await Promise.all(
    paths.map((path) =>
      readFile(path).then(
        (bytes) => ({ path, fileName: basename(path), bytes }),
        (error: NodeJS.ErrnoException) => {
          out(
            t("imports.cli.unreadable", {
              path,
              reason: reason(t, error),
              interpolation: { escapeValue: false },
            }),
          );
          return null;
        },
      ),
    ),
  );
  return results.every((file) => file !== null) ? results : null;
}

function reason(t: TFunction, error: NodeJS.ErrnoException): string {
  return error.code && KNOWN_REASONS.has(error.code) ? t(`imports.cli.reasons.${error.code}`) : error.message;
}
