// Three test tiers, one runner: unit tests beside the code, integration tests
// against real PostgreSQL/Redis/PGlite, and browser end-to-end tests in Chromium.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // Tiers run one after another (projects otherwise run in parallel): on two cores the
          // browser tests must not compete with server processes started by integration tests.
          sequence: { groupOrder: 0 },
          include: [
            "shared/src/**/*.test.ts",
            "server/src/**/*.test.ts",
            "client/src/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Suites share one PostgreSQL database and Redis; run files one at a time.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          sequence: { groupOrder: 2 },
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
