// Imports a generated month of 60,000 overdue dossiers, as xlsx and as CSV, on each database,
// each run in a process of its own; in the same run, the bare COPY of the same rows, so that
// the import is judged by its ratio to what the database can load; then a 20 MB zip bomb,
// which must be refused quickly in little memory. Prints the figures against the targets.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { zipBombXlsx } from "../test/import/hostile-files.js";
import { type CliScript, readCliScript, projectRoot as root } from "../test/support/npm-scripts.js";
import { rawCopySeconds } from "./import-copy.js";
import { benchKinds, prepareBenchDatabase } from "./support.js";

const run = promisify(execFile);
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 60_000);
const FORMATS = ["xlsx", "csv"] as const;
type Format = (typeof FORMATS)[number];
type Kind = "pglite" | "postgres";
/** Import / raw COPY, first import and re-import alike. */
const RATIO_TARGETS: Record<Format, number> = { csv: 3, xlsx: 4 };
const RSS_TARGETS_MB: Record<Kind, number> = { pglite: 300, postgres: 200 };
const BOMB = { inflatedMb: 20_000, seconds: 5, rssMb: 300 };

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

/** A sample month in one format: its score sheet and its dossier list. */
async function sample(folder: string, format: Format) {
  const out = join(folder, format);
  await runNode([
    "--import",
    "tsx",
    join(root, "src/sample/cli.ts"),
    "--dossiers",
    String(DOSSIERS),
    "--format",
    format,
    "--out",
    out,
  ]);
  const files = (await readdir(out)).sort();
  return {
    scores: join(out, files.find((name) => name.startsWith("bo-chi-so")) ?? ""),
    dossiers: join(out, files.find((name) => name.startsWith("ho-so-qua-han")) ?? ""),
  };
}

/** Runs the measured script on a fresh database of this kind; its JSON line. */
async function onFreshDatabase(kind: Kind, command: (target: string) => string[]) {
  const database = await prepareBenchDatabase(kind);
  try {
    const output = await runNode(command(JSON.stringify(database.target)));
    return {
      label: database.label,
      result: JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Record<string, number>,
    };
  } finally {
    await database.cleanUp();
  }
}

async function rawCopy(kind: Kind, csvPath: string) {
  const database = await prepareBenchDatabase(kind);
  try {
    return await rawCopySeconds(database.target, csvPath);
  } finally {
    await database.cleanUp();
  }
}

const within = (ok: boolean) => (ok ? "OK" : "OVER TARGET");
const s = (seconds: number) => `${seconds.toFixed(2)} s`;

export async function benchImport(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "dondoc-bench-import-"));
  try {
    const samples = { xlsx: await sample(folder, "xlsx"), csv: await sample(folder, "csv") };
    const bomb = join(folder, "bomb.xlsx");
    const bombBytes = await zipBombXlsx(BOMB.inflatedMb);
    await writeFile(bomb, bombBytes);
    const cli = readCliScript();
    const nodeFlags = cli.nodeFlags;
    const importOnce = await bundleImportOnce(cli);
    console.log(
      `Import of ${DOSSIERS} overdue dossiers (about 155 units), same path and Node flags as the CLI (${nodeFlags.join(" ") || "none"}); ` +
        `targets: import / raw COPY ≤ ${RATIO_TARGETS.csv} (CSV), ≤ ${RATIO_TARGETS.xlsx} (xlsx) on PostgreSQL`,
    );
    for (const kind of benchKinds()) {
      const copy = await rawCopy(kind, samples.csv.dossiers);
      const label = kind === "postgres" ? "PostgreSQL" : "PGlite (file)";
      console.log(
        `  ${label}: raw COPY of the same ${copy.rows} rows (12 typed columns, primary key on the code) ${s(copy.seconds)}`,
      );
      for (const format of FORMATS) {
        const { scores, dossiers } = samples[format];
        const { result } = await onFreshDatabase(kind, (target) => [
          ...nodeFlags,
          importOnce,
          target,
          scores,
          dossiers,
        ]);
        const first = Number(result.seconds);
        const again = Number(result.reimportSeconds);
        const rss = Number(result.peakRssMb);
        const ratios = [first / copy.seconds, again / copy.seconds];
        const ratioOk = kind !== "postgres" || ratios.every((ratio) => ratio <= RATIO_TARGETS[format]);
        console.log(
          `    ${format.padEnd(5)} import ${s(first)} (× ${ratios[0]?.toFixed(1)} COPY)   re-import ${s(again)} (× ${ratios[1]?.toFixed(1)} COPY)   ` +
            `peak RSS ${rss.toFixed(0)} MB (target ≤ ${RSS_TARGETS_MB[kind]} MB)   ${within(ratioOk && rss <= RSS_TARGETS_MB[kind])}`,
        );
        const stages = Object.entries((result.peakMbAfter ?? {}) as unknown as Record<string, number>);
        console.log(
          `    ${"".padEnd(5)} peak RSS after: ${stages.map(([name, mb]) => `${name} ${mb}`).join(", ")} (MB)`,
        );
      }
      const { result } = await onFreshDatabase(kind, (target) => [
        ...nodeFlags,
        importOnce,
        target,
        "--refuse",
        bomb,
      ]);
      const bombRss = Number(result.peakRssMb);
      console.log(
        `    zip bomb (${(bombBytes.length / 1024 / 1024).toFixed(0)} MB, ${BOMB.inflatedMb / 1000} GB inflated) refused in ${s(Number(result.seconds))} ` +
          `(target < ${BOMB.seconds} s), peak RSS ${bombRss.toFixed(0)} MB (target < ${BOMB.rssMb} MB), ` +
          `reason ${String(result.reasons)}   ${within(Number(result.seconds) < BOMB.seconds && bombRss < BOMB.rssMb)}`,
      );
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
