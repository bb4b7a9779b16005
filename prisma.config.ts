import { defineConfig } from "prisma/config";

// The project applies its own migrations (lib/migrations.ts); this file only
// tells the Prisma CLI where the schema and migrations live.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
