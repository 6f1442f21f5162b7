import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["rules/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "tools/**/*.test.ts", "fixtures/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Tests spawn the built CLI and language server; give slow CI machines room.
    testTimeout: 30_000,
    pool: "threads",
  },
});
