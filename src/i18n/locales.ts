import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Locale, SUPPORTED_LOCALES } from "../config.js";
import { LOCALES_DIR } from "../paths.js";

export type LocaleResources = Record<Locale, Record<string, unknown>>;

/** Every `locales/<lang>/<file>.json` becomes the top-level key `<file>`: `start.json` holds `start.*`. */
export function loadLocaleResources(dir = LOCALES_DIR): LocaleResources {
  const resources = {} as LocaleResources;
  for (const locale of SUPPORTED_LOCALES) {
    const files = readdirSync(join(dir, locale)).filter((file) => file.endsWith(".json"));
    resources[locale] = Object.fromEntries(
      files
        .sort()
        .map((file) => [
          file.replace(/\.json$/, ""),
          JSON.parse(readFileSync(join(dir, locale, file), "utf8")),
        ]),
    );
  }
  return resources;
}

/** All keys of a resource tree, plural suffixes folded (`x_one`, `x_other` -> `x`). */
export function translationKeys(tree: Record<string, unknown>, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") {
      for (const nested of translationKeys(value as Record<string, unknown>, path)) keys.add(nested);
    } else {
      keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ""));
    }
  }
  return keys;
}
