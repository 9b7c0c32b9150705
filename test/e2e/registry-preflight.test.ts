import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerPreflight } from '../../cli/commands/preflight.js';
import { isGapwatchError } from '../../core/errors.js';
import { createRegistryClient } from '../../collector/registry/http-client.js';
import { createLabPki, type LabPki } from '../lab/ca.js';
import { buildImage, buildMultiPlatformImage, createLayout, deleteManifest, moveTag, pushImage, type BuiltImage, type Layout, type PushTarget } from '../lab/images.js';
import { freePort, LAB_REGISTRY_TOOLS, missingTools, startRegistry, type LabRegistry } from '../lab/registry.js';

const missing = await missingTools(LAB_REGISTRY_TOOLS);
if (missing.length > 0 && process.env.CI === 'true') {
  throw new Error(`lab tools missing: ${missing.join(', ')}; install them with apt-get install -y docker-registry skopeo umoci openssl`);
}

interface CliRun {
  exitCode: number;
  stdout: string;
}

/** Runs `gapwatch preflight ARGS` in this process and returns its exit code and output. */
async function runPreflightCli(args: string[]): Promise<CliRun> {
  const program = new Command('gapwatch').exitOverride();
  registerPreflight(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const previous = process.exitCode;
  let exitCode: number;
  try {
    process.exitCode = 0;
    await program.parseAsync(['node', 'gapwatch', 'preflight', ...args]);
    exitCode = Number(process.exitCode ?? 0);
  } catch (err) {
    exitCode = isGapwatchError(err) ? 3 : -1;
    chunks.push(isGapwatchError(err) ? err.describe() : String(err));
  } finally {
    spy.mockRestore();
    process.exitCode = previous;
  }
  return { exitCode, stdout: chunks.join('') };
}

describe.skipIf(missing.length > 0)('registry preflight against docker-registry', () => {
  let pki: LabPki;
  let registry: LabRegistry;
  let layout: Layout;
  let target: PushTarget;
  let solo: BuiltImage;
  let multi: BuiltImage;
  let gap: BuiltImage;
  let moved: BuiltImage;

  beforeAll(async () => {
    pki = await createLabPki();
    registry = await startRegistry({ tls: pki.server });
    layout = await createLayout();
    target = { host: registry.host, certDir: pki.certDir };

    solo = await buildImage(layout, 'solo');
    await pushImage(layout, 'solo', target, 'team/solo', '1.0');

    multi = await buildMultiPlatformImage(layout, 'multi');
    await pushImage(layout, 'multi', target, 'team/multi', '2.0');

    gap = await buildMultiPlatformImage(layout, 'gap');
    await pushImage(layout, 'gap', target, 'team/gap', '3.0');
    await deleteManifest(target, 'team/gap', gap.platforms[1]!.digest);

    moved = await buildImage(layout, 'moved-old');
    await pushImage(layout, 'moved-old', target, 'team/moved', '4.0');
    const replacement = await buildImage(layout, 'moved-new');
    await pushImage(layout, 'moved-new', target, 'team/moved', 'next');
    await moveTag(target, 'team/moved', '4.0', replacement.digest);
  });

  afterAll(async () => {
    await registry?.stop();
    await layout?.cleanup();
    await pki?.cleanup();
  });

  async function listFile(name: string, lines: string[]): Promise<string> {
    const file = join(layout.dir, '..', name);
    await writeFile(file, `# images for ${name}\n\n${lines.join('\n')}\n`);
    return file;
  }

  function mirrorArgs(file: string, extra: string[] = []): string[] {
    return ['--images', file, '--mirror', registry.url, '--ca', pki.ca.cert, '--json', ...extra];
  }

  it('single image is complete', async () => {
    const file = await listFile('solo', ['docker.io/team/solo:1.0']);
    const run = await runPreflightCli(mirrorArgs(file));
    const report = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(0);
    expect(report.images[0].status).toBe('complete');
    expect(report.images[0].digest).toBe(solo.digest);
  });

  it('multi-platform index is complete', async () => {
    const file = await listFile('multi', ['us-docker.pkg.dev/team/multi:2.0']);
    const run = await runPreflightCli(mirrorArgs(file));
    const report = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(0);
    expect(report.images[0].digest).toBe(multi.digest);
    expect(report.images[0].platforms.map((p: { platform: string }) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(report.images[0].platforms.every((p: { resolves: boolean }) => p.resolves)).toBe(true);
  });

  it('missing platform is incomplete', async () => {
    const file = await listFile('gap', ['registry.internal/team/gap:3.0']);
    const run = await runPreflightCli(mirrorArgs(file));
    const report = JSON.parse(run.stdout);
    const arm64 = report.images[0].platforms[1];

    expect(run.exitCode).toBe(1);
    expect(report.images[0].status).toBe('incomplete');
    expect(arm64.resolves).toBe(false);
    expect(arm64.error.code).toBe('GW_REGISTRY_NOT_FOUND');
  });

  it('moved tag is a mismatch', async () => {
    const file = await listFile('moved', [`registry.internal/team/moved:4.0@${moved.digest}`]);
    const run = await runPreflightCli(mirrorArgs(file, ['--digests']));
    const report = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(1);
    expect(report.images[0].status).toBe('mismatch');
  });

  it('transfer manifest digests resolve', async () => {
    const file = await listFile('digests', [`registry.internal/team/solo@${solo.digest}`, `registry.internal/team/multi@${multi.digest}`]);
    const run = await runPreflightCli(mirrorArgs(file, ['--digests']));
    const report = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(0);
    expect(report.summary.complete).toBe(2);
  });

  it('unknown repository is missing', async () => {
    const file = await listFile('absent', ['registry.internal/team/absent:1.0', 'docker.io/team/solo:1.0']);
    const run = await runPreflightCli(mirrorArgs(file));
    const report = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(1);
    expect(report.images[0].status).toBe('missing');
    expect(report.images[0].error.code).toBe('GW_REGISTRY_NOT_FOUND');
    expect(report.images[1].status).toBe('complete');
  });

  it('table output lists platforms', async () => {
    const file = await listFile('table', ['docker.io/team/multi:2.0']);
    const run = await runPreflightCli(['--images', file, '--mirror', registry.url, '--ca', pki.ca.cert]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('linux/arm64');
    expect(run.stdout).toContain('1 of 1 images complete');
  });

  it('wrong CA fails TLS', async () => {
    const file = await listFile('wrong-ca', ['docker.io/team/solo:1.0']);
    const run = await runPreflightCli(['--images', file, '--mirror', registry.url, '--ca', pki.otherCa.cert, '--json']);
    const report = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(3);
    expect(report.images[0].status).toBe('error');
    expect(report.images[0].error.code).toBe('GW_REGISTRY_TLS');
  });

  it('closed port is unreachable', async () => {
    const port = await freePort();
    const client = await createRegistryClient({ baseUrl: `https://127.0.0.1:${port}`, caFile: pki.ca.cert, timeoutMs: 2000 });
    try {
      await expect(client.getManifest('team/solo', '1.0')).rejects.toMatchObject({ code: 'GW_REGISTRY_UNREACHABLE' });
    } finally {
      await client.close();
    }
  });

  it('closed port exits three', async () => {
    const file = await listFile('closed', ['docker.io/team/solo:1.0']);
    const run = await runPreflightCli(['--images', file, '--mirror', `https://127.0.0.1:${await freePort()}`, '--ca', pki.ca.cert, '--json']);

    expect(run.exitCode).toBe(3);
    expect(JSON.parse(run.stdout).images[0].error.code).toBe('GW_REGISTRY_UNREACHABLE');
  });

  it('unreadable list exits three', async () => {
    const run = await runPreflightCli(['--images', join(layout.dir, 'no-such-list'), '--mirror', registry.url]);

    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain('GW_PREFLIGHT_LIST_UNREADABLE');
  });

  it('manifest 404 has coded error', async () => {
    const client = await createRegistryClient({ baseUrl: registry.url, caFile: pki.ca.cert });
    try {
      await expect(client.getManifest('team/solo', 'no-such-tag')).rejects.toMatchObject({ code: 'GW_REGISTRY_NOT_FOUND' });
    } finally {
      await client.close();
    }
  });

  describe('with basic auth', () => {
    let secured: LabRegistry;
    let image: BuiltImage;

    beforeAll(async () => {
      secured = await startRegistry({ tls: pki.server, auth: { kind: 'basic', users: { puller: 'pull-secret' } } });
      image = await buildImage(layout, 'private');
      await pushImage(layout, 'private', { ...target, host: secured.host, creds: { username: 'puller', password: 'pull-secret' } }, 'team/private', '1.0');
    });

    afterAll(async () => {
      await secured?.stop();
    });

    it('credentials resolve the image', async () => {
      const client = await createRegistryClient({ baseUrl: secured.url, caFile: pki.ca.cert, credentials: { username: 'puller', password: 'pull-secret' } });
      try {
        const manifest = await client.getManifest('team/private', '1.0');
        expect(manifest.digest).toBe(image.digest);
      } finally {
        await client.close();
      }
    });

    it('missing credentials are unauthorized', async () => {
      const client = await createRegistryClient({ baseUrl: secured.url, caFile: pki.ca.cert });
      try {
        await expect(client.getManifest('team/private', '1.0')).rejects.toMatchObject({ code: 'GW_REGISTRY_UNAUTHORIZED' });
      } finally {
        await client.close();
      }
    });

    it('wrong password is unauthorized', async () => {
      const client = await createRegistryClient({ baseUrl: secured.url, caFile: pki.ca.cert, credentials: { username: 'puller', password: 'wrong' } });
      try {
        await expect(client.getManifest('team/private', '1.0')).rejects.toMatchObject({ code: 'GW_REGISTRY_UNAUTHORIZED' });
      } finally {
        await client.close();
      }
    });
  });
});
