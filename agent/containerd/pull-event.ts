import { classifyFailure } from './failure-cause.js';
import { parseGoDuration } from './go-duration.js';
import type { LogEntry } from './log-entry.js';
import type { FailureCause } from '../../wire/pull.js';

/** Meaning of one log entry for image pulls, with refs as containerd printed them. */
export type PullEvent =
  | { type: 'start'; ref: string }
  | { type: 'success'; ref: string; imageId: string }
  | { type: 'failure'; ref: string; error: string }
  /** `Pulled image ...`: containerd finished; size and duration from 1.7 on. */
  | { type: 'pulled'; ref: string; imageId: string; repoDigest: string | null; size: number | null; seconds: number | null }
  | { type: 'stop'; ref: string; bytesRead: number }
  | { type: 'cancel'; ref: string; detail: string }
  | { type: 'progress'; ref: string }
  /** ImageCreate/ImageUpdate for a named image: its content is stored on the node. */
  | { type: 'stored'; ref: string }
  /** A host failed for some pull (`trying next host`, `fetch failed`); the URL, when present, names it. */
  | { type: 'host-failed'; host: string; cause: FailureCause; detail: string; target: RequestTarget | null }
  /** Debug level: a host returned the manifest, so it served the pull. */
  | { type: 'host-served'; host: string; target: RequestTarget | null }
  | { type: 'sandbox-failed'; ref: string; error: string };

/** Repository, tag or digest, and namespace from a request URL `/v2/REPO/manifests/REF?ns=NS`. */
export interface RequestTarget {
  repository: string;
  reference: string;
  namespace: string | null;
}

const PULLED = /^Pulled image "([^"]+)" with image id "([^"]*)", repo tag "[^"]*", repo digest "([^"]*)"(?:, size "(\d+)" in (\S+))?$/;
const STOP = /^stop pulling image (\S+): active requests=\d+, bytes read=(\d+)$/;
const CANCEL = /^cancel pulling image (\S+) because of (.+)$/;
const EVENT_NAME_V1 = /^Image(?:Create|Update) event &Image(?:Create|Update)\{Name:([^,}]+)/;
const EVENT_NAME_V2 = /^Image(?:Create|Update) event name:"([^"]+)"/;
const SANDBOX_IMAGE = /failed to (?:get sandbox image|pull image) "([^"]+)"/;
/** Longest host a pull record carries (the wire bound); lines naming a longer one are not about a real host. */
const MAX_HOST_CHARS = 512;
const QUOTED_URL = /"(https?:\/\/[^"\s]+)"/;

/** Reads the pull meaning of an entry, or returns null for entries unrelated to pulls. */
export function readPullEvent(entry: LogEntry): PullEvent | null {
  const { msg, fields } = entry;

  if (msg.startsWith('PullImage "')) {
    return readPullImage(msg, fields.error ?? '');
  }
  if (msg.startsWith('trying next host')) {
    return readHostFailure(msg, fields);
  }
  if (msg === 'fetch failed' && fields.host) {
    return readHostFailure(msg, fields);
  }
  if (msg.startsWith('Pulled image "')) {
    const match = PULLED.exec(msg);
    if (!match) {
      return null;
    }
    const [, ref = '', imageId = '', repoDigest = '', size, duration] = match;
    return {
      type: 'pulled',
      ref,
      imageId,
      repoDigest: repoDigest || null,
      size: size === undefined ? null : Number(size),
      seconds: duration === undefined ? null : parseGoDuration(duration),
    };
  }
  if (msg.startsWith('stop pulling image ')) {
    const match = STOP.exec(msg);
    return match ? { type: 'stop', ref: match[1] ?? '', bytesRead: Number(match[2]) } : null;
  }
  if (msg.startsWith('cancel pulling image ')) {
    const match = CANCEL.exec(msg);
    return match ? { type: 'cancel', ref: match[1] ?? '', detail: msg } : null;
  }
  if (msg === 'progress for image pull' && fields.ref) {
    return { type: 'progress', ref: fields.ref };
  }
  if (msg.startsWith('ImageCreate event ') || msg.startsWith('ImageUpdate event ')) {
    const name = (EVENT_NAME_V1.exec(msg) ?? EVENT_NAME_V2.exec(msg))?.[1];
    return name && !name.startsWith('sha256:') ? { type: 'stored', ref: name } : null;
  }
  if (msg.startsWith('RunPodSandbox for ') && fields.error) {
    const ref = SANDBOX_IMAGE.exec(fields.error)?.[1];
    return ref ? { type: 'sandbox-failed', ref, error: fields.error } : null;
  }
  if (entry.level === 'debug') {
    return readServedHost(msg, fields);
  }
  return null;
}

function readPullImage(msg: string, error: string): PullEvent | null {
  const close = msg.indexOf('"', 11);
  if (close < 0) {
    return null;
  }
  const ref = msg.slice(11, close);
  const rest = msg.slice(close + 1);

  if (rest === '') {
    return { type: 'start', ref };
  }
  if (rest.startsWith(' returns image reference "')) {
    return { type: 'success', ref, imageId: rest.slice(26, rest.endsWith('"') ? -1 : undefined) };
  }
  if (rest === ' failed') {
    return { type: 'failure', ref, error };
  }
  return null;
}

function readHostFailure(msg: string, fields: Readonly<Record<string, string>>): PullEvent | null {
  const host = fields.host;
  if (!host || host.length > MAX_HOST_CHARS) {
    return null;
  }
  const error = fields.error;
  if (msg.includes('StatusNotFound') || error === undefined) {
    return { type: 'host-failed', host, cause: 'not_found', detail: msg, target: null };
  }
  const url = QUOTED_URL.exec(error)?.[1];
  return { type: 'host-failed', host, cause: classifyFailure(error), detail: error, target: url ? readTarget(url) : null };
}

/** Reads debug lines that prove which host served: `resolved` (1.6+) and a 2xx manifest response. */
function readServedHost(msg: string, fields: Readonly<Record<string, string>>): PullEvent | null {
  if (msg === 'resolved' && fields.host && fields.host.length <= MAX_HOST_CHARS) {
    return { type: 'host-served', host: fields.host, target: null };
  }
  if (msg !== 'fetch response received' || !fields['response.status']?.startsWith('2') || !fields.url) {
    return null;
  }

  const target = readTarget(fields.url);
  const host = fields.host ?? hostOf(fields.url);
  return target && host && host.length <= MAX_HOST_CHARS ? { type: 'host-served', host, target } : null;
}

/** Reads `/v2/REPO/manifests/REF?ns=NS`; null for other URLs (blobs, tokens). */
export function readTarget(url: string): RequestTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }

  const path = parsed.pathname;
  const manifests = path.lastIndexOf('/manifests/');
  if (manifests < 0) {
    return null;
  }
  const v2 = path.lastIndexOf('/v2/', manifests);
  const repository = path.slice(v2 >= 0 ? v2 + 4 : 1, manifests);
  return { repository, reference: path.slice(manifests + 11), namespace: parsed.searchParams.get('ns') };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
