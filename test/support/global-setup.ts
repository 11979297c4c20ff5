import { Socket } from "node:net";
import type { TestProject } from "vitest/node";
import { bundleCli } from "./npm-scripts.js";
import { missingServiceMessage, servicesRequired, testDatabaseUrl, testRedisUrl } from "./services.js";

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(Number(port || defaultPort), hostname || "127.0.0.1");
  });
}

export default async function globalSetup(project: TestProject) {
  await checkServices();
  // The CLI tests run the command line from its bundle, as `npm run cli` does; in watch mode
  // it is made again before each rerun, so that they test the code as edited.
  bundleCli();
  project.onTestsRerun(() => bundleCli());
}

async function checkServices() {
  const services = [
    { variable: "TEST_DATABASE_URL", url: testDatabaseUrl, what: "PostgreSQL", port: 5432 },
    { variable: "TEST_REDIS_URL", url: testRedisUrl, what: "Redis", port: 6379 },
  ];
  for (const service of services) {
    if (!service.url) {
      if (servicesRequired) throw new Error(`REQUIRE_SERVICES=1 but ${service.variable} is not set`);
      console.warn(`\n!!! ${missingServiceMessage(service.variable, service.what)}\n`);
      continue;
    }
    if (!(await reachable(service.url, service.port))) {
      throw new Error(
        `${service.variable} is set but ${service.what} does not answer at ${new URL(service.url).host}`,
      );
    }
  }
}
