// Imports a generated month of 60,000 overdue dossiers (xlsx) on each database, each run in a
// process of its own, and prints the time and the peak RSS against the targets.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type CliScript, readCliScript, projectRoot as root } from "../test/support/npm-scripts.js";
import { benchKinds, prepareBenchDatabase } from "./support.js";

const run = promisify(execFile);
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 60_000);
const TARGETS = { pglite: { seconds: 30, rssMb: 300 }, postgres: { seconds: 10, rssMb: 300 } };

async function runNode(args: string[]) {
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    env: process.env,
  });
  return stdout;
}

/**
 * The measured script, bundled as the CLI is (same bundler, run with the CLI's Node flags): a
 * process started through tsx carries tsx's loader thread, which the CLI does not. Inside the
 * project, as the CLI's is, so that its imports resolve from node_modules.
 */
async function bundleImportOnce(cli: CliScript): Promise<string> {
  const bundle = join(root, "dist", "bench-import-once.mjs");
  const [bundler] = cli.bundleStep;
  await runNode([bundler, join(root, "bench/import-once.ts"), bundle]);
  return bundle;
}

export async function benchImport(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "dondoc-bench-import-"));
  try {
    await runNode([
      "--import",
      "tsx",
      join(root, "src/sample/cli.ts"),
      "--dossiers",
      String(DOSSIERS),
      "--out",
      folder,
    ]);
    const files = (await readdir(folder)).sort();
    const scores = join(folder, files.find((name) => name.startsWith("bo-chi-so")) ?? "");
    const dossiers = join(folder, files.find((name) => name.startsWith("ho-so-qua-han")) ?? "");
    const cli = readCliScript();
    const nodeFlags = cli.nodeFlags;
    const importOnce = await bundleImportOnce(cli);
    console.log(
      `Import of ${DOSSIERS} overdue dossiers (xlsx, about 155 units), same path and Node flags as the CLI (${nodeFlags.join(" ") || "none"})`,
    );
    for (const kind of benchKinds()) {
      const database = await prepareBenchDatabase(kind);
      let output: string;
      try {
        output = await runNode([...nodeFlags, importOnce, JSON.stringify(database.target), scores, dossiers]);
      } finally {
        await database.cleanUp();
      }
      const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
      const target = TARGETS[kind];
      const seconds = Number(result.seconds);
      const rss = Number(result.peakRssMb);
      console.log(
        `  ${database.label.padEnd(14)} ${seconds.toFixed(1)} s (target ≤ ${target.seconds} s)   ` +
          `peak RSS ${rss.toFixed(0)} MB (target ≤ ${target.rssMb} MB)   ` +
          `re-import ${Number(result.reimportSeconds).toFixed(1)} s   ` +
          `${seconds <= target.seconds && rss <= target.rssMb ? "OK" : "OVER TARGET"}`,
      );
      const stages = Object.entries((result.peakMbAfter ?? {}) as Record<string, number>);
      console.log(
        `  ${"".padEnd(14)} peak RSS after: ${stages.map(([name, mb]) => `${name} ${mb}`).join(", ")} (MB)`,
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
