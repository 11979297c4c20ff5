// `npm run bench`: every benchmark in turn, each printing its figures.
import { benchDigest } from "./digest.js";
import { benchImport } from "./import.js";
import { benchPush } from "./push.js";
import { benchStartLatency } from "./start-latency.js";

const benchmarks: Array<[string, () => Promise<void>]> = [
  ["start", benchStartLatency],
  ["import", benchImport],
  ["push", benchPush],
  ["digest", benchDigest],
];

const only = process.argv[2];
for (const [name, run] of benchmarks) {
  if (only && only !== name) continue;
  await run();
}
