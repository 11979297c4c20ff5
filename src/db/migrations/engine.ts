// Loads Prisma's WASM schema engine by hand. The package entry imports the `.wasm` file as an
// ES module, which Node 20 refuses without a flag; the generated bindings module
// (`schema_engine_bg`) only needs the compiled instance handed to it, so we instantiate it
// ourselves. The engine's version must match the `prisma` package exactly (see
// package.json and STACK.md).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

export type {
  ApplyMigrationsOutput,
  DiagnoseMigrationHistoryOutput,
  DiffResult,
  HistoryDiagnostic,
  MigrationDirectory,
  MigrationList,
  SchemaContainer,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

/** Receives the engine's log lines (JSON strings as the engine writes them). */
export type EngineLogger = (line: string) => void;

export const silentLogger: EngineLogger = () => {};

/** We manage no external tables or enums: every object in the schema is Prisma's. */
export const noFilters: bindings.SchemaFilter = { externalTables: [], externalEnums: [] };

interface WasmExports {
  __wbindgen_start(): void;
}

// The project's `lib` has no WebAssembly declarations (they come with the DOM library).
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, object>): Promise<{ exports: object }>;
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let loading: Promise<typeof bindings> | undefined;

/** The engine bindings, instantiated once per module graph. */
export function loadSchemaEngine(): Promise<typeof bindings> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function instantiate(): Promise<typeof bindings> {
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(join(dirname(bindingsPath), "schema_engine_bg.wasm"));
  const module = await wasmApi.compile(bytes);
  const instance = await wasmApi.instantiate(module, {
    "./schema_engine_bg.js": withTrackedTimers(bindings),
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as unknown as WasmExports).__wbindgen_start();
  return bindings;
}

// The engine arms 10-second timers (timeouts around its database calls) and never clears
// them, which would keep a finished CLI alive for 10 s. While an engine works they must hold
// the process (PGlite does its I/O without any handle); once no engine is working, the
// timers left are released with `unref()`.
const engineTimers = new Set<NodeJS.Timeout>();
let workingEngines = 0;
let startedEngines = 0;

/** How many engines this module graph has started: applying to an up-to-date database starts none. */
export function schemaEnginesStarted(): number {
  return startedEngines;
}

function withTrackedTimers(imports: typeof bindings): Record<string, unknown> {
  const setTimeoutImport = Object.keys(imports).find((name) => name.startsWith("__wbg_setTimeout_"));
  if (setTimeoutImport === undefined) return { ...imports };
  return {
    ...imports,
    [setTimeoutImport]: (callback: () => void, milliseconds: number) => {
      const timer = setTimeout(() => {
        engineTimers.delete(timer);
        callback();
      }, milliseconds >>> 0);
      engineTimers.add(timer);
      if (workingEngines === 0) releaseEngineTimers();
      return timer;
    },
  };
}

function releaseEngineTimers(): void {
  for (const timer of engineTimers) timer.unref();
  engineTimers.clear();
}

/**
 * Runs `work` with a schema engine connected through `adapterFactory`, and frees the engine
 * afterwards. The adapter factory's connections stay the caller's to close.
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  logger: EngineLogger,
  work: (engine: bindings.SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngine();
  workingEngines += 1;
  startedEngines += 1;
  try {
    const engine = await SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => logger(line),
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    workingEngines -= 1;
    if (workingEngines === 0) releaseEngineTimers();
  }
}
