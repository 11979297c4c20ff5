// How `npm run cli` runs, read from package.json's `cli` script ("<bundle step> && node <flags>
// <bundle>"), so that the tests and the benchmark run the command line exactly as users do.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface CliScript {
  /** The bundling step's arguments to `node`: the bundler script, the entry point, the bundle. */
  bundleStep: [bundler: string, entry: string, bundle: string];
  /** The Node flags the CLI runs with. */
  nodeFlags: string[];
  /** The bundle the CLI runs, absolute. */
  bundle: string;
}

export function readCliScript(): CliScript {
  const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const script = manifest.scripts.cli ?? "";
  const [bundleCommand = [], runCommand = [], ...rest] = script
    .split("&&")
    .map((part) => part.trim().split(/\s+/));
  const [bundler, entry, bundle, ...more] = bundleCommand.slice(1);
  const runArgs = runCommand.slice(1);
  const nodeFlags = runArgs.slice(0, -1);
  // Every word before the bundle must be a flag on its own (no "--flag value" pairs).
  const shaped =
    bundleCommand[0] === "node" &&
    runCommand[0] === "node" &&
    rest.length === 0 &&
    bundler &&
    entry &&
    bundle &&
    more.length === 0 &&
    runArgs.at(-1) === bundle &&
    nodeFlags.every((word) => /^--[\w-]+(=\S+)?$/.test(word));
  if (!shaped) {
    throw new Error(
      `package.json's cli script is not "node <bundler> <entry> <bundle> && node <--flags> <bundle>": ${script}`,
    );
  }
  return { bundleStep: [bundler, entry, bundle], nodeFlags, bundle: join(projectRoot, bundle) };
}

/** Runs the CLI's bundling step, as `npm run cli` does before each run. */
export function bundleCli(script: CliScript = readCliScript()): void {
  execFileSync(process.execPath, script.bundleStep, { cwd: projectRoot, stdio: "inherit" });
}
