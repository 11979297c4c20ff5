// Bundles one TypeScript entry point into a single ES module that plain `node` runs:
// `node scripts/bundle.mjs <entry.ts> <out.mjs>`. The command line runs from such a bundle
// (see `npm run cli`) because tsx compiles on a loader thread of its own, which costs an
// import 30 to 35 MB of resident memory. npm packages stay imports, resolved from
// node_modules at run time; only the project's own code is bundled. Quiet unless it fails.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { build } from "esbuild";

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("usage: node scripts/bundle.mjs <entry.ts> <out.mjs>");
  process.exit(1);
}

let result;
try {
  result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    write: false,
  });
} catch {
  // esbuild has printed the errors.
  process.exit(1);
}

// Written aside, then renamed into place: a CLI run starting meanwhile (two may run at once on
// PostgreSQL) loads the old bundle or the new one, never half of one.
await mkdir(dirname(outfile), { recursive: true });
for (const file of result.outputFiles) {
  const aside = `${file.path}.${process.pid}`;
  await writeFile(aside, file.contents);
  await rename(aside, file.path);
}
