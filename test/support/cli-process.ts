// `npm run cli` as a child process (its bundle, with its Node flags), in a folder of its own,
// on a scratch database (PostgreSQL when TEST_DATABASE_URL is set, else the embedded one in
// that folder).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { readCliScript } from "./npm-scripts.js";
import { testDatabaseUrl } from "./services.js";
import { createScratchPostgresDatabase } from "./test-database.js";

// The global setup has bundled it.
const cli = readCliScript();

export interface CliProcess {
  /** Where the process runs: relative file names are read from here. */
  folder: string;
  /** Runs the CLI with `args`, the process's environment plus `env`. */
  run(args: string[], env?: Record<string, string>): Promise<{ code: number; stdout: string }>;
  close(): Promise<void>;
}

export async function cliProcess(env: Record<string, string> = {}): Promise<CliProcess> {
  const folder = await mkdtemp(join(tmpdir(), "dondoc-cli-process-"));
  const scratch = testDatabaseUrl ? await createScratchPostgresDatabase(testDatabaseUrl) : null;
  const processEnv = {
    PATH: process.env.PATH ?? "",
    DATA_DIR: folder,
    ...env,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  };
  return {
    folder,
    run: (args, env = {}) =>
      promisify(execFile)(process.execPath, [...cli.nodeFlags, cli.bundle, ...args], {
        cwd: folder,
        env: { ...processEnv, ...env },
      }).then(
        (result) => ({ code: 0, stdout: result.stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      ),
    close: async () => {
      await scratch?.drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
