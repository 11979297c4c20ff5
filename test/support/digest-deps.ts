import { appContext } from "../../src/app/context.js";
import type { DigestDeps } from "../../src/app/digest/digest-report.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTranslator } from "../../src/i18n/index.js";

export function digestDeps(db: PrismaClient, now: Date): DigestDeps {
  return {
    app: appContext(db, () => now),
    translator: createTranslator("vi"),
    timeZone: "Asia/Ho_Chi_Minh",
    defaultLocale: "vi",
  };
}
