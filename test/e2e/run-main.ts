// Starts the real `src/main.ts` as a separate process, as `npm start` would, and follows its log.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot as root, startNodeFlags } from "../support/npm-scripts.js";

export interface MainProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  waitForLog(message: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code once the process ends by itself. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function runMain(env: Record<string, string>): Promise<MainProcess> {
  // A folder of its own, so that a developer's .env or ./data never leaks into the test.
  const cwd = await mkdtemp(join(tmpdir(), "dondoc-e2e-"));
  // Node itself runs main.ts (with tsx as its loader, and the start script's flags), as
  // `npm start` does: signals reach main.ts directly.
  const tsxLoader = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const args = [...startNodeFlags(), "--import", tsxLoader, join(root, "src/main.ts")];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DATA_DIR: cwd,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  const listeners = new Set<() => void>();
  let stderr = "";
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
    for (const listener of listeners) listener();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  return {
    child,
    logs,
    exited,
    waitForLog: (message, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find((line) => line.msg === message);
          if (!found) return;
          cleanUp();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(
            new Error(`main.ts never logged "${message}". Log: ${JSON.stringify(logs)}\nstderr: ${stderr}`),
          );
        }, timeoutMs);
        const cleanUp = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        child.once("exit", () => {
          cleanUp();
          reject(
            new Error(
              `main.ts exited before logging "${message}". Log: ${JSON.stringify(logs)}\nstderr: ${stderr}`,
            ),
          );
        });
        check();
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await rm(cwd, { recursive: true, force: true });
      return code;
    },
  };
}
