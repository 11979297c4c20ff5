// How `npm run cli` runs, read from package.json's `cli` script ("<bundle step> && node <flags>
// <bundle>"), so that the tests and the benchmark run the command line exactly as users do.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface CliScript {
  /** The bundling step's arguments to `node`. */
  bundleStep: string[];
  /** The Node flags the CLI runs with. */
  nodeFlags: string[];
  /** The bundle the CLI runs, absolute. */
  bundle: string;
}

export function readCliScript(): CliScript {
  const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [bundleCommand, runCommand, ...rest] = (manifest.scripts.cli ?? "")
    .split("&&")
    .map((part) => part.trim().split(/\s+/));
  if (bundleCommand?.[0] !== "node" || runCommand?.[0] !== "node" || rest.length > 0) {
    throw new Error(`package.json's cli script is not "node <bundle step> && node <flags> <bundle>"`);
  }
  const runArgs = runCommand.slice(1);
  const bundleAt = runArgs.findIndex((word) => !word.startsWith("-"));
  return {
    bundleStep: bundleCommand.slice(1),
    nodeFlags: runArgs.slice(0, bundleAt),
    bundle: join(projectRoot, runArgs[bundleAt] ?? ""),
  };
}

/** Runs the CLI's bundling step, as `npm run cli` does before each run. */
export function bundleCli(script: CliScript = readCliScript()): void {
  execFileSync(process.execPath, script.bundleStep, { cwd: projectRoot, stdio: "inherit" });
}
