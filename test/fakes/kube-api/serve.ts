// Runs the fake API server in its own process, loaded with a generated cluster, so a benchmark
// measures the collector's memory apart from the server's. Prints the URL as one JSON line.
import { generateCluster } from './generate.js';
import { FakeKubeApi } from './server.js';

const pods = Number(process.argv[2] ?? '20000');
const workloads = Number(process.argv[3] ?? '2000');
const nodes = Number(process.argv[4] ?? '200');

const api = new FakeKubeApi();
for (const [path, objects] of Object.entries(generateCluster({ pods, workloads, nodes }))) {
  api.load(path, objects);
}
const url = await api.start();
process.stdout.write(`${JSON.stringify({ url })}\n`);

process.on('SIGTERM', () => {
  void api.stop().then(() => process.exit(0));
});
