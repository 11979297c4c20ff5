import { Bot, GrammyError } from "grammy";
import { afterEach } from "vitest";
import { BotApiSandbox, type SandboxOptions } from "../../src/sandbox/index.js";

const running: Array<{ stop(): Promise<void> | void }> = [];

afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.stop();
});

/** A started sandbox that is stopped after the test. */
export async function startSandbox(options?: SandboxOptions): Promise<BotApiSandbox> {
  const sandbox = new BotApiSandbox(options);
  await sandbox.start();
  running.push(sandbox);
  return sandbox;
}

/** A grammY bot talking to the sandbox; not started. */
export function botFor(sandbox: BotApiSandbox): Bot {
  return new Bot(sandbox.token, { botInfo: sandbox.botInfo, client: { apiRoot: sandbox.apiRoot } });
}

/** Stops `thing` after the test, before the sandboxes. */
export function stopAfterTest(thing: { stop(): Promise<void> | void }): void {
  running.push(thing);
}

export interface RawAnswer {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: unknown };
}

/** Calls a method with a JSON body and returns the HTTP status and parsed answer. */
export async function rawCall(
  sandbox: BotApiSandbox,
  method: string,
  payload: Record<string, unknown> = {},
  token = sandbox.token,
): Promise<RawAnswer> {
  const response = await fetch(`${sandbox.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as RawAnswer["body"] };
}

/** The GrammyError a call fails with; fails the test if the call succeeds or fails otherwise. */
export async function failure(call: Promise<unknown>): Promise<GrammyError> {
  const outcome = await call.then(
    () => new Error("the call succeeded"),
    (error: unknown) => error,
  );
  if (!(outcome instanceof GrammyError)) throw outcome;
  return outcome;
}

/** Polls `condition` every 10 ms until it holds; throws after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
