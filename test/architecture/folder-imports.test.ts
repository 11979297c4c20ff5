// The folders of src/ depend one way (STYLE.md): domain <- repositories <- app <- bot/cli/jobs,
// with render and import beside domain. This reads every import of src/ and fails on a rule
// broken or a cycle between folders, naming the files.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";

const SRC = join(PROJECT_ROOT, "src");

/** A folder under src/, or a file at its top (config.ts, main.ts), or "generated". */
type Area = string;

interface ImportEdge {
  from: string;
  to: string;
}

const FORBIDDEN: Record<Area, readonly Area[] | "all-but-self"> = {
  domain: "all-but-self",
  repositories: ["import", "app", "bot", "cli", "jobs", "outbox", "render", "server", "sandbox"],
  import: ["repositories", "app", "bot", "cli", "jobs", "outbox", "db"],
  render: ["bot", "app", "repositories", "db", "cli", "jobs", "outbox"],
  app: ["bot", "cli", "jobs", "server", "sandbox"],
  db: ["repositories", "app", "bot", "import", "render", "cli", "jobs"],
  outbox: ["bot", "cli", "jobs"],
  jobs: ["bot", "cli"],
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const IMPORT_PATTERN =
  /(?:^|\s)(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function localImports(file: string): ImportEdge[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT_PATTERN)].map((match) => ({
    from: relative(SRC, file),
    to: relative(SRC, resolve(dirname(file), (match[1] ?? match[2]) as string)).replace(/\.js$/, ".ts"),
  }));
}

function areaOf(path: string): Area {
  const [first] = path.split("/");
  return first as string;
}

const edges = sourceFiles(SRC)
  .flatMap(localImports)
  .filter((edge) => !edge.to.startsWith(".."));
const crossing = edges.filter((edge) => areaOf(edge.from) !== areaOf(edge.to));

function describeEdges(list: readonly ImportEdge[]): string[] {
  return list.map((edge) => `${edge.from} -> ${edge.to}`);
}

describe("folder imports in src/", () => {
  it("finds the imports it checks", () => {
    expect(crossing.length).toBeGreaterThan(50);
    expect(crossing.some((edge) => edge.from.startsWith("bot/") && edge.to.startsWith("domain/"))).toBe(true);
  });

  for (const [area, forbidden] of Object.entries(FORBIDDEN)) {
    it(`${area}/ imports only what it may`, () => {
      const broken = crossing.filter((edge) => {
        if (areaOf(edge.from) !== area) return false;
        const target = areaOf(edge.to);
        // The generated Prisma client is the persistence layer's own vocabulary.
        if (target === "generated") return area === "domain" || area === "import" || area === "render";
        return forbidden === "all-but-self" ? true : forbidden.includes(target);
      });
      expect(describeEdges(broken)).toEqual([]);
    });
  }

  it("has no cycle between folders", () => {
    const graph = new Map<Area, Set<Area>>();
    for (const edge of crossing) {
      const targets = graph.get(areaOf(edge.from)) ?? new Set<Area>();
      targets.add(areaOf(edge.to));
      graph.set(areaOf(edge.from), targets);
    }
    const cycles: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        if (reaches(graph, to, from)) {
          const back = crossing.filter(
            (edge) => areaOf(edge.from) === to && pathExists(graph, areaOf(edge.to), from),
          );
          cycles.push(
            `${from} -> ${to} -> ... -> ${from} (e.g. ${describeEdges(back.slice(0, 3)).join(", ")})`,
          );
        }
      }
    }
    expect(cycles).toEqual([]);
  });
});

function pathExists(graph: Map<Area, Set<Area>>, from: Area, to: Area): boolean {
  return from === to || reaches(graph, from, to);
}

function reaches(graph: Map<Area, Set<Area>>, from: Area, to: Area): boolean {
  const seen = new Set<Area>();
  const stack = [from];
  while (stack.length > 0) {
    const area = stack.pop() as Area;
    if (area === to) return true;
    if (seen.has(area)) continue;
    seen.add(area);
    stack.push(...(graph.get(area) ?? []));
  }
  return false;
}
