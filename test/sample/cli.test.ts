import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/sample/cli.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dondoc-sample-cli-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts) => void out.push(parts.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...parts) => void err.push(parts.join(" ")));
  try {
    const code = await main(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("npm run sample", () => {
  it("writes both files and says what it wrote", async () => {
    const out = join(dir, "a");
    const result = await run([
      "--units",
      "12",
      "--dossiers",
      "40",
      "--out",
      out,
      "--seed",
      "abc",
      "--format",
      "csv",
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("bo-chi-so-2025-03.csv");
    expect(result.out).toContain("1 province row + 12 units");
    expect(result.out).toContain("40 overdue dossiers");
    expect((await readdir(out)).sort()).toEqual(["bo-chi-so-2025-03.csv", "ho-so-qua-han-2025-03.csv"]);
  });

  it.each([
    [["--format", "pdf"], /--format must be one of/],
    [["--units", "0"], /--units must be at least 1/],
    [["--units", "ten"], /--units must be a whole number/],
    [["--units", "100000"], /the units file has \d+ units/],
    [["--dossiers", "-5"], /--dossiers/],
    [["--bogus"], /Unknown option/],
    [["extra"], /positional/],
    [["--units-file", "/nonexistent/units.json"], /cannot read the units file/],
  ])("refuses %j with exit code 2", async (args, message) => {
    const result = await run([...args, "--out", join(dir, "never")]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it("prints its usage on --help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("--dossiers N");
  });
});
