import { fileURLToPath } from "node:url";

/** Where the project's migrations live, whatever the working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
