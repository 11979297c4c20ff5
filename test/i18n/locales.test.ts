import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_CATALOG } from "../../src/domain/commands.js";
import { ROLES } from "../../src/domain/roles.js";
import { loadLocaleResources, translationKeys } from "../../src/i18n/locales.js";

const resources = loadLocaleResources();
const vi = translationKeys(resources.vi);
const en = translationKeys(resources.en);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated") return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Keys written literally in code: t("a.b"), ctx.t("a.b", {...}). */
function literalKeysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles("src")) {
    for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*["'`]([A-Za-z0-9_.]+)["'`]/g)) {
      used.set(match[1] as string, file);
    }
  }
  return used;
}

describe("locales", () => {
  it("vi and en have exactly the same keys", () => {
    expect([...vi].filter((key) => !en.has(key))).toEqual([]);
    expect([...en].filter((key) => !vi.has(key))).toEqual([]);
  });

  it("has every key the code uses", () => {
    const used = literalKeysUsedInCode();
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter(([key]) => !vi.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it("has the keys the code builds from data: commands, roles, language names", () => {
    const built = [
      ...COMMAND_CATALOG.map((spec) => `commands.${spec.name}`),
      ...ROLES.map((role) => `roles.${role}`),
      "language.name.vi",
      "language.name.en",
    ];
    expect(built.filter((key) => !vi.has(key))).toEqual([]);
  });

  it("keeps command descriptions within Telegram's 3..256 characters", () => {
    for (const locale of [resources.vi, resources.en]) {
      for (const description of Object.values(locale.commands as Record<string, string>)) {
        expect(description.length).toBeGreaterThanOrEqual(3);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
  });
});
