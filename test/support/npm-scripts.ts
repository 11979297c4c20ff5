// How `npm start` and `npm run cli` run Node, read from package.json's scripts, so that the
// tests and the benchmark run the bot and the command line exactly as users do.
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

/** A Node flag standing alone ("--no-liftoff", "--heap-growing-percent=30"), not a "--flag value" pair. */
const isStandaloneFlag = (word: string) => /^--[\w-]+(=\S+)?$/.test(word);

function npmScript(name: string): string {
  const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return manifest.scripts[name] ?? "";
}

/** The Node flags of `npm start` ("node <--flags> --import tsx src/main.ts"). */
export function startNodeFlags(): string[] {
  const script = npmScript("start");
  const words = script.trim().split(/\s+/);
  const loaderAt = words.indexOf("--import");
  const flags = words.slice(1, loaderAt);
  if (words[0] !== "node" || loaderAt < 0 || !flags.every(isStandaloneFlag))
    throw new Error(
      `package.json's start script is not "node <--flags> --import tsx src/main.ts": ${script}`,
    );
  return flags;
}

export function readCliScript(): CliScript {
  const script = npmScript("cli");
  const [bundleCommand = [], runCommand = [], ...rest] = script
    .split("&&")
    .map((part) => part.trim().split(/\s+/));
  const [bundler, entry, bundle, ...more] = bundleCommand.slice(1);
  const runArgs = runCommand.slice(1);
  const nodeFlags = runArgs.slice(0, -1);
  const shaped =
    bundleCommand[0] === "node" &&
    runCommand[0] === "node" &&
    rest.length === 0 &&
    bundler &&
    entry &&
    bundle &&
    more.length === 0 &&
    runArgs.at(-1) === bundle &&
    nodeFlags.every(isStandaloneFlag);
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
