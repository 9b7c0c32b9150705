// Benchmark: cluster-view sync time, verdict time and collector heap/RSS with a large cluster in
// the fake API server (run in a child process). Prints one JSON object; the lead records it.
// Run: npm run build && node dist/bench/verdict.js [pods] [workloads]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../core/clock.js';
import { silentLogger } from '../core/log.js';
import { ClusterView } from '../collector/kube/cluster-view.js';
import { plainUrlSource } from '../collector/kube/kube-source.js';
import { VerdictService } from '../collector/verdict/service.js';

const pods = Number(process.argv[2] ?? '20000');
const workloads = Number(process.argv[3] ?? '2000');
const nodes = 200;
const DAY = 86_400_000;

const serverScript = fileURLToPath(new URL('../test/fakes/kube-api/serve.js', import.meta.url));
const server = fork(serverScript, [String(pods), String(workloads), String(nodes)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });

try {
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout?.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { url: string }).url));
    server.once('exit', (code) => reject(new Error(`fake API server exited with code ${code}`)));
  });

  const heapBefore = process.memoryUsage().heapUsed;
  const syncStart = performance.now();
  const view = new ClusterView(plainUrlSource(url), systemClock, silentLogger());
  view.start();
  while (!view.allSynced()) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const syncMs = performance.now() - syncStart;

  const service = new VerdictService(
    {
      cluster: view,
      pulls: { pullsSince: async () => [], historyStartedAt: async () => Date.now() - 30 * DAY },
      agents: { agents: async () => Array.from({ length: nodes }, (_, i) => ({ node: `node-${i}`, lastReportAt: Date.now(), intervalSeconds: 30 })) },
      mirror: { check: async () => ({ answered: true, missing: [], unreachable: [] }) },
      clock: systemClock,
      log: silentLogger(),
    },
    { windows: { observationMs: 7 * DAY, rollbackMs: 3 * DAY, overdueFactor: 3 }, protectedImages: [] },
  );

  const candidate = {
    delete: Array.from({ length: 200 }, (_, i) => `registry.example/team-${i % 50}/svc-${i}:1.9.0`),
    keep: Array.from({ length: 200 }, (_, i) => `registry.example/team-${i % 50}/svc-${i}:2.0.${i % 7}`),
  };
  const timings: number[] = [];
  let verdict = '';
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    verdict = (await service.judge(candidate)).verdict;
    timings.push(performance.now() - start);
  }

  global.gc?.();
  const memory = process.memoryUsage();
  await view.stop();

  timings.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'verdict',
      pods,
      workloads,
      nodes,
      candidateImages: candidate.delete.length + candidate.keep.length,
      syncMs: Math.round(syncMs),
      verdictMsMedian: Math.round(timings[2] ?? 0),
      verdictMsMax: Math.round(timings[4] ?? 0),
      verdict,
      heapUsedMB: Math.round(memory.heapUsed / 1e6),
      heapGrowthMB: Math.round((memory.heapUsed - heapBefore) / 1e6),
      rssMB: Math.round(memory.rss / 1e6),
      node: process.version,
    })}\n`,
  );
} finally {
  server.kill('SIGTERM');
}
