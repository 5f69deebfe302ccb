import path from "node:path";
import { defineConfig } from "vitest/config";

// The same aliases as tsconfig.json "paths" (tsx and the Remix compiler read those).
const alias = { "~": path.resolve(__dirname, "app"), "#db": path.resolve(__dirname, "db") };

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default"],
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
