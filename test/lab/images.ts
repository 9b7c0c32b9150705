/**
 * OCI images built without any network: umoci makes an empty image, a file is added so every
 * image has its own digest, and skopeo pushes the layout to a lab registry. A multi-platform
 * image is two single-platform manifests joined by an index that this module writes itself,
 * because umoci 0.4 cannot create image indexes.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export interface Platform {
  os: string;
  architecture: string;
}

export interface Layout {
  /** OCI image layout directory. */
  dir: string;
  cleanup(): Promise<void>;
}

export interface BuiltImage {
  tag: string;
  /** Digest of the manifest (single platform) or of the index (multi-platform). */
  digest: string;
  /** For an index: each platform with its manifest digest, in index order. */
  platforms: Array<Platform & { digest: string }>;
}

/** Where and how to push: the registry host, its CA dir and optional credentials. */
export interface PushTarget {
  /** `127.0.0.1:PORT`. */
  host: string;
  /** Directory with `ca.crt` for skopeo; absent for a plain-HTTP registry. */
  certDir?: string;
  creds?: { username: string; password: string };
}

/** Creates an empty OCI layout in a new temporary directory. */
export async function createLayout(): Promise<Layout> {
  const parent = await mkdtemp(join(tmpdir(), 'gapwatch-images-'));
  const dir = join(parent, 'layout');
  await run('umoci', ['init', '--layout', dir]);
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

/**
 * Builds a single-platform image under `tag` containing `/gapwatch-image` with `content`
 * (default: the tag and platform), so two images never share a digest by accident.
 */
export async function buildImage(
  layout: Layout,
  tag: string,
  options: { platform?: Platform; content?: string } = {},
): Promise<BuiltImage> {
  const platform = options.platform ?? { os: 'linux', architecture: 'amd64' };
  const ref = `${layout.dir}:${tag}`;
  await run('umoci', ['new', '--image', ref]);
  await run('umoci', ['config', '--image', ref, '--os', platform.os, '--architecture', platform.architecture]);

  const bundle = await mkdtemp(join(tmpdir(), 'gapwatch-bundle-'));
  try {
    const unpacked = join(bundle, 'b');
    await run('umoci', ['unpack', '--rootless', '--image', ref, unpacked]);
    const content = options.content ?? `${tag} ${platform.os}/${platform.architecture} ${Date.now()}\n`;
    await writeFile(join(unpacked, 'rootfs', 'gapwatch-image'), content);
    await run('umoci', ['repack', '--image', ref, unpacked]);
  } finally {
    await rm(bundle, { recursive: true, force: true });
  }

  const digest = await tagDigest(layout, tag);
  return { tag, digest, platforms: [{ ...platform, digest }] };
}

/**
 * Builds one image per platform and an OCI index over them under `tag`. The per-platform
 * images stay in the layout as `TAG-OS-ARCH`.
 */
export async function buildMultiPlatformImage(
  layout: Layout,
  tag: string,
  platforms: Platform[] = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64' },
  ],
): Promise<BuiltImage> {
  const built: Array<Platform & { digest: string; size: number }> = [];
  for (const platform of platforms) {
    const image = await buildImage(layout, `${tag}-${platform.os}-${platform.architecture}`, { platform });
    built.push({ ...platform, digest: image.digest, size: await blobSize(layout, image.digest) });
  }

  const index = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: built.map((p) => ({
      mediaType: OCI_MANIFEST,
      digest: p.digest,
      size: p.size,
      platform: { architecture: p.architecture, os: p.os },
    })),
  };
  const digest = await writeBlob(layout, JSON.stringify(index));
  await setTag(layout, tag, { mediaType: OCI_INDEX, digest, size: Buffer.byteLength(JSON.stringify(index)) });

  return { tag, digest, platforms: built.map(({ os, architecture, digest: d }) => ({ os, architecture, digest: d })) };
}

/**
 * Pushes `tag` from the layout to `docker://HOST/REPO:destTag` with every platform and with
 * digests preserved; returns the digest the registry stored.
 */
export async function pushImage(layout: Layout, tag: string, target: PushTarget, repo: string, destTag = tag): Promise<string> {
  const digestFile = join(layout.dir, `..`, `pushed-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const args = ['copy', '--all', '--preserve-digests', '--digestfile', digestFile, ...destinationFlags(target)];
  args.push(`oci:${layout.dir}:${tag}`, `docker://${target.host}/${repo}:${destTag}`);
  await run('skopeo', args);
  const digest = (await readFile(digestFile, 'utf8')).trim();
  await rm(digestFile, { force: true });
  return digest;
}

/** Points `repo:tag` in the registry at the manifest or index `digest` of the same repository. */
export async function moveTag(target: PushTarget, repo: string, tag: string, digest: string): Promise<void> {
  const args = ['copy', '--all', '--preserve-digests', ...sourceFlags(target), ...destinationFlags(target)];
  args.push(`docker://${target.host}/${repo}@${digest}`, `docker://${target.host}/${repo}:${tag}`);
  await run('skopeo', args);
}

/**
 * Deletes the manifest `digest` from the registry, for example one platform of an index, so
 * the index names a platform that no longer resolves. The registry must allow deletes.
 */
export async function deleteManifest(target: PushTarget, repo: string, digest: string): Promise<void> {
  const args = ['delete', ...credsFlags('--creds', target), ...tlsFlags('', target)];
  args.push(`docker://${target.host}/${repo}@${digest}`);
  await run('skopeo', args);
}

/** Returns the sha256 digest of a string, as `sha256:HEX`. */
export function sha256Digest(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function destinationFlags(target: PushTarget): string[] {
  return [...credsFlags('--dest-creds', target), ...tlsFlags('dest-', target)];
}

function sourceFlags(target: PushTarget): string[] {
  return [...credsFlags('--src-creds', target), ...tlsFlags('src-', target)];
}

function credsFlags(flag: string, target: PushTarget): string[] {
  return target.creds ? [flag, `${target.creds.username}:${target.creds.password}`] : [];
}

function tlsFlags(prefix: string, target: PushTarget): string[] {
  return target.certDir ? [`--${prefix}cert-dir`, target.certDir] : [`--${prefix}tls-verify=false`];
}

interface IndexJson {
  schemaVersion: number;
  manifests: Array<{ mediaType: string; digest: string; size: number; annotations?: Record<string, string> }>;
}

const REF_NAME = 'org.opencontainers.image.ref.name';

async function readIndex(layout: Layout): Promise<IndexJson> {
  return JSON.parse(await readFile(join(layout.dir, 'index.json'), 'utf8')) as IndexJson;
}

async function tagDigest(layout: Layout, tag: string): Promise<string> {
  const entry = (await readIndex(layout)).manifests.find((m) => m.annotations?.[REF_NAME] === tag);
  if (!entry) {
    throw new Error(`tag ${tag} not found in ${layout.dir}/index.json after umoci repack`);
  }
  return entry.digest;
}

async function setTag(layout: Layout, tag: string, descriptor: { mediaType: string; digest: string; size: number }): Promise<void> {
  const index = await readIndex(layout);
  index.manifests = index.manifests.filter((m) => m.annotations?.[REF_NAME] !== tag);
  index.manifests.push({ ...descriptor, annotations: { [REF_NAME]: tag } });
  await writeFile(join(layout.dir, 'index.json'), JSON.stringify(index));
}

async function writeBlob(layout: Layout, data: string): Promise<string> {
  const digest = sha256Digest(data);
  await writeFile(join(layout.dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), data);
  return digest;
}

async function blobSize(layout: Layout, digest: string): Promise<number> {
  const data = await readFile(join(layout.dir, 'blobs', 'sha256', digest.slice('sha256:'.length)));
  return data.length;
}

async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    const redacted = args.map((a) => (a.includes(':') && /creds$/.test(args[args.indexOf(a) - 1] ?? '') ? '[redacted]' : a));
    throw new Error(`${command} ${redacted.join(' ')} failed: ${stderr.trim() || (err as Error).message}`);
  }
}
