import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGapwatchError } from '../../core/errors.js';
import { FakeClock } from '../../core/fake-clock.js';
import { register, runLintCommand, type LintCommandOptions } from './lint.js';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/lint/realdata/44-containerd-2.1.5-hosts.toml-docker.io-skip_verify-mirror-ctr-ignores.toml');
const CONFIG = 'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n';

describe('gapwatch lint command', () => {
  let brokenRoot: string;
  let cleanRoot: string;
  let noConfigRoot: string;
  let missingCaRoot: string;

  beforeAll(() => {
    brokenRoot = mkdtempSync(join(tmpdir(), 'gapwatch-cli-lint-'));
    mkdirSync(join(brokenRoot, 'etc/containerd/certs.d/docker.io'), { recursive: true });
    writeFileSync(join(brokenRoot, 'etc/containerd/config.toml'), CONFIG, { mode: 0o600 });
    writeFileSync(join(brokenRoot, 'etc/containerd/certs.d/docker.io/hosts.toml'), readFileSync(FIXTURE));

    cleanRoot = mkdtempSync(join(tmpdir(), 'gapwatch-cli-lint-'));
    mkdirSync(join(cleanRoot, 'etc/containerd/certs.d/registry.internal'), { recursive: true });
    writeFileSync(join(cleanRoot, 'etc/containerd/config.toml'), CONFIG, { mode: 0o600 });
    writeFileSync(
      join(cleanRoot, 'etc/containerd/certs.d/registry.internal/hosts.toml'),
      'server = "https://registry.internal"\n[host."https://mirror.internal"]\n  capabilities = ["pull", "resolve"]\n',
    );

    noConfigRoot = mkdtempSync(join(tmpdir(), 'gapwatch-cli-lint-'));
    mkdirSync(join(noConfigRoot, 'etc/containerd/certs.d'), { recursive: true });

    missingCaRoot = mkdtempSync(join(tmpdir(), 'gapwatch-cli-lint-'));
    mkdirSync(join(missingCaRoot, 'etc/containerd/certs.d/registry.internal'), { recursive: true });
    writeFileSync(join(missingCaRoot, 'etc/containerd/config.toml'), CONFIG, { mode: 0o600 });
    writeFileSync(
      join(missingCaRoot, 'etc/containerd/certs.d/registry.internal/hosts.toml'),
      'server = "https://registry.internal"\n[host."https://mirror.internal"]\n  capabilities = ["pull", "resolve"]\n  ca = "/etc/containerd/mirror-ca.pem"\n',
    );
  });

  afterAll(() => {
    rmSync(brokenRoot, { recursive: true, force: true });
    rmSync(cleanRoot, { recursive: true, force: true });
    rmSync(noConfigRoot, { recursive: true, force: true });
    rmSync(missingCaRoot, { recursive: true, force: true });
  });

  const run = async (options: Partial<LintCommandOptions>) => {
    let output = '';
    const code = await runLintCommand(
      { root: '/', format: 'text', expiryWarningDays: 30, ...options },
      (text) => {
        output += text;
      },
      new FakeClock(),
    );
    return { code, output };
  };

  it('exits 1 on error finding', async () => {
    const { code, output } = await run({ root: brokenRoot });

    expect(code).toBe(1);
    expect(output).toMatch(/docker\.io\/hosts\.toml:\d+: error skip_verify: /);
    expect(output).toMatch(/fix: remove skip_verify/);
  });

  it('exits 0 on clean tree', async () => {
    const { code, output } = await run({ root: cleanRoot });

    expect(code).toBe(0);
    expect(output).toBe('0 errors, 0 warnings, 0 notes\n');
  });

  it('fails without config file', async () => {
    const { code, output } = await run({ root: noConfigRoot });

    expect(code).toBe(1);
    expect(output).toContain('error config_missing');
  });

  it('pluralises counts of one', async () => {
    const { output } = await run({ root: noConfigRoot });

    expect(output).toMatch(/^1 error, 0 warnings, 0 notes$/m);
  });

  it('names file read under root', async () => {
    const { output } = await run({ root: missingCaRoot });

    expect(output).toContain(`ca file /etc/containerd/mirror-ca.pem (read as ${join(missingCaRoot, 'etc/containerd/mirror-ca.pem')})`);
    expect(output).toContain(`${join(missingCaRoot, 'etc/containerd/certs.d/registry.internal/hosts.toml')}:4: error cert_file_missing`);
  });

  it('prints findings as JSON', async () => {
    const { output } = await run({ root: brokenRoot, format: 'json' });
    const parsed = JSON.parse(output) as { findings: Array<{ rule: string; line: number }> };

    expect(parsed.findings.map((finding) => finding.rule).sort()).toEqual(['server_public_with_mirrors', 'skip_verify']);
  });

  it('prints SARIF for code scanning', async () => {
    const { output } = await run({ root: brokenRoot, format: 'sarif' });
    const sarif = JSON.parse(output);
    const result = sarif.runs[0].results.find((entry: { ruleId: string }) => entry.ruleId === 'skip_verify');
    const ruleIds = sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);

    expect(sarif.version).toBe('2.1.0');
    expect(ruleIds).toContain('skip_verify');
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('skip_verify');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'etc/containerd/certs.d/docker.io/hosts.toml',
      uriBaseId: 'ROOT',
    });
    expect(result.locations[0].physicalLocation.region.startLine).toBe(14);
  });

  it('honours explicit certs dir', async () => {
    const { code } = await run({ root: cleanRoot, certsDir: join(brokenRoot, 'etc/containerd/certs.d') });

    expect(code).toBe(1);
  });

  it('rejects missing root', async () => {
    const error = await run({ root: join(cleanRoot, 'absent') }).catch((err: unknown) => err);

    expect(isGapwatchError(error, 'GW_LINT_ROOT_MISSING')).toBe(true);
  });

  it('rejects unknown format option', async () => {
    const program = new Command('gapwatch').exitOverride().configureOutput({ writeErr: () => {} });
    register(program);
    program.commands.forEach((command) => command.exitOverride().configureOutput({ writeErr: () => {} }));
    const error = await program.parseAsync(['node', 'gapwatch', 'lint', '--format', 'xml']).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe('commander.invalidArgument');
  });
});
