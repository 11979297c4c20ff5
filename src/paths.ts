import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding the project's package.json, found by walking up from this module: the
 * same from `src/` under tsx and from a bundle in `dist/` (see scripts/bundle.mjs).
 */
function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** Where the project's migrations live, whatever the working directory. */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, "prisma", "migrations");

/** The translations: `locales/<lang>/<namespace>.json`. */
export const LOCALES_DIR = join(PROJECT_ROOT, "locales");
