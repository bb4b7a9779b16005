import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// Integration tests run against embedded PostgreSQL always, and against a
// real PostgreSQL server too when TEST_DATABASE_URL is set.
const databases = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/ modules guard against client bundles; in tests they run on the server side.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true as const, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: `integration:${database}`,
          include: ["tests/integration/**/*.test.ts"],
          env: { TEST_DB: database },
        },
      })),
      {
        extends: true as const,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
