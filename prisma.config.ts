// Used by the Prisma CLI (generate, and `prisma migrate deploy` where its engine binary is
// available). The application itself applies migrations with the WASM schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/dondoc" },
});
