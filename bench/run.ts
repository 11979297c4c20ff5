// `npm run bench`: every benchmark in turn, each printing its figures.
import { benchStartLatency } from "./start-latency.js";

const benchmarks: Array<[string, () => Promise<void>]> = [["start", benchStartLatency]];

const only = process.argv[2];
for (const [name, run] of benchmarks) {
  if (only && only !== name) continue;
  await run();
}
