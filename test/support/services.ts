// Which real services the tests use. PostgreSQL and Redis tests run when their URL is set
// and are skipped loudly otherwise; with REQUIRE_SERVICES=1 (as in CI) a missing one fails.

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || null;
export const testRedisUrl = process.env.TEST_REDIS_URL || null;
export const servicesRequired = process.env.REQUIRE_SERVICES === "1";

export function missingServiceMessage(variable: string, what: string): string {
  return `${variable} is not set: ${what} tests are SKIPPED. Set ${variable} (see README) to run them.`;
}
