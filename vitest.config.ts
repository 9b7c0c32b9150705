import { defineConfig } from 'vitest/config';

// Unit tests sit beside their modules; end-to-end suites under test/e2e start real
// processes (containerd, registry, journal, Prometheus) and run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{core,wire,agent,collector,cli,alerts,dashboards,deploy,bench,test/unit}/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
