// Bundles one TypeScript entry point into a single ES module that plain `node` runs:
// `node scripts/bundle.mjs <entry.ts> <out.mjs>`. The command line runs from such a bundle
// (see `npm run cli`) because tsx compiles on a loader thread of its own, which costs an
// import 30 to 35 MB of resident memory. npm packages stay imports, resolved from
// node_modules at run time; only the project's own code is bundled. Quiet unless it fails.
import { build } from "esbuild";

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("usage: node scripts/bundle.mjs <entry.ts> <out.mjs>");
  process.exit(1);
}

try {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
} catch {
  // esbuild has printed the errors.
  process.exit(1);
}
