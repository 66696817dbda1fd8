import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', '.next-e2e/**', 'e2e/**', '.data/**'],
    globalSetup: ['./db/test-global-setup.ts'],
    setupFiles: ['./server/test/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // next-auth imports next/server in ways Vite must transform, not externalise.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
  },
});
