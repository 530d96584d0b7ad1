import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // End-to-end tests start real HTTPS emulators and child processes; the machines have 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    clearMocks: true,
    restoreMocks: true,
    // HOME: where an in-process `--emulator` run keeps the emulator's CA (never the real home).
    env: { FORCE_COLOR: "0", NO_COLOR: "1", HOME: join(tmpdir(), "oathkit-test-home") },
  },
});
