import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FakeKubeApi, FakeObject } from './server.js';

/** Objects of a fixture file, keyed by collection path (`/api/v1/pods`, ...). */
export type ClusterFixture = Record<string, FakeObject[]>;

/** Reads a fixture from test/fakes/kube-api/fixtures by file name. */
export function readFixture(name: string): ClusterFixture {
  const file = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url).href.replace('/dist/', '/'));
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterFixture;
}

/** Applies every object of a fixture to the fake API server. */
export function applyFixture(api: FakeKubeApi, fixture: ClusterFixture): void {
  for (const [path, objects] of Object.entries(fixture)) {
    for (const object of objects) {
      api.apply(path, object);
    }
  }
}
