import { defineConfig } from "vitest/config";

// Files and the tests in each run in a random order, so that no test leans on what another
// left behind. Vitest prints the seed; `VITEST_SEED=<seed> npm test` replays a failing order.
const seed = Number(process.env.VITEST_SEED ?? Math.floor(Math.random() * 1_000_000));

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own throw-away database; two workers suit these 2-core machines.
    maxWorkers: 2,
    sequence: { shuffle: { files: true, tests: true }, seed },
  },
});
