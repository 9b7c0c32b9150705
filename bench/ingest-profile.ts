import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) the summary reads. */
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  /** Microseconds between consecutive samples. */
  timeDeltas: number[];
}

/** Self time of one function or one code area. */
export interface HotSpot {
  name: string;
  selfMs: number;
  /** Fraction of the busy (non-idle) sampled time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  functions: HotSpot[];
  areas: HotSpot[];
}

const IDLE_FRAMES = new Set(['(idle)', '(program)']);

/** Summary of one thread's profile; `thread` is `main` or `worker N`. */
export interface ThreadProfile {
  thread: string;
  summary: ProfileSummary;
}

/**
 * Reads every `.cpuprofile` in `dir`, one per thread (node names them
 * `CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile`), main thread first.
 */
export function summarizeProfileDir(dir: string, top: number): ThreadProfile[] {
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => ({ name, threadId: Number(name.split('.')[4] ?? 0) }))
    .sort((a, b) => a.threadId - b.threadId);
  return profiles.map(({ name, threadId }) => ({
    thread: threadId === 0 ? 'main' : `worker ${threadId}`,
    summary: summarizeProfile(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile, top),
  }));
}

/** Ranks self time. Samples in `(idle)` and `(program)` count as not busy. */
export function summarizeProfile(profile: CpuProfile, top: number): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busyUs = 0;

  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    const deltaUs = Math.max(0, profile.timeDeltas[index] ?? 0);
    if (!frame || IDLE_FRAMES.has(frame.functionName)) {
      return;
    }
    busyUs += deltaUs;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : 'native';
    const name = `${frame.functionName || '(anonymous)'} ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + deltaUs);
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + deltaUs);
  });

  const rank = (totals: Map<string, number>) =>
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyUs === 0 ? 0 : us / busyUs }));
  return { busyMs: busyUs / 1000, functions: rank(byFunction), areas: rank(byArea) };
}

/** Names the package or project folder a frame belongs to, e.g. `better-sqlite3`, `collector/store`. */
function areaOf(url: string, functionName: string): string {
  if (!url) {
    // Native frames: the garbage collector, JSON and regular expression built-ins.
    return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) {
    return pkg[1];
  }
  if (url.startsWith('node:')) {
    return 'node internals';
  }
  const project = /\/dist\/([^/]+(?:\/[^/]+)?)\//.exec(url);
  return project?.[1] ?? shortUrl(url);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    return url.slice(modules + 'node_modules/'.length);
  }
  const dist = url.lastIndexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url.replace(/^file:\/\//, '');
}
