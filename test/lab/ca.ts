/**
 * Lab PKI: a private CA, server certificates signed by it, and an unrelated second CA, all made
 * with the openssl CLI. `openssl ca` is used instead of `openssl x509 -req` because OpenSSL 3.0
 * rejects a non-positive `-days`, and expired certificates need an explicit start and end date.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Validity {
  /** Length of the validity period in days, from `notBefore`. Fractions are allowed. */
  days?: number;
  /** Start of the validity period; defaults to one hour ago so small clock skew does not matter. */
  notBefore?: Date;
}

export interface CertFiles {
  /** PEM certificate file. */
  cert: string;
  /** PEM private key file (unencrypted). */
  key: string;
}

export interface LabCa extends CertFiles {
  /** Directory holding the CA's files and the openssl database. */
  dir: string;
}

export interface ServerCertOptions extends Validity {
  /** File name stem inside the CA directory; defaults to `server`. */
  name?: string;
  /** DNS subjectAltNames; defaults to `registry.internal`. */
  dnsNames?: string[];
  /** IP subjectAltNames; defaults to `127.0.0.1`. */
  ipAddresses?: string[];
}

export interface LabPki {
  /** Temporary directory containing everything below; `cleanup()` removes it. */
  dir: string;
  ca: LabCa;
  /** Server certificate for registry.internal and 127.0.0.1, signed by `ca`. */
  server: CertFiles;
  /** A CA that signed nothing here, for wrong-CA tests. */
  otherCa: LabCa;
  /** Directory with `ca.crt` only, in the layout `skopeo --dest-cert-dir` and Docker expect. */
  certDir: string;
  cleanup(): Promise<void>;
}

/** Makes a self-signed CA in its own subdirectory of `parentDir`. */
export async function createCa(parentDir: string, name = 'ca', validity: Validity = {}): Promise<LabCa> {
  const dir = join(parentDir, name);
  await prepareDatabase(dir);

  const key = join(dir, 'ca.key');
  const csr = join(dir, 'ca.csr');
  const cert = join(dir, 'ca.crt');
  await openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=gapwatch lab ${name}`]);

  const ext = join(dir, 'ca.ext');
  await writeFile(ext, 'basicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n');
  await signWithCa(dir, { key, csr, out: cert, ext, validity, selfSign: true });
  return { dir, cert, key };
}

/** Signs a server certificate with the given CA; SANs default to registry.internal and 127.0.0.1. */
export async function issueServerCert(ca: LabCa, options: ServerCertOptions = {}): Promise<CertFiles> {
  const name = options.name ?? 'server';
  const key = join(ca.dir, `${name}.key`);
  const csr = join(ca.dir, `${name}.csr`);
  const cert = join(ca.dir, `${name}.crt`);
  await openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${name}`]);

  const dnsNames = options.dnsNames ?? ['registry.internal'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1'];
  const san = [...dnsNames.map((d) => `DNS:${d}`), ...ipAddresses.map((ip) => `IP:${ip}`)].join(',');
  const ext = join(ca.dir, `${name}.ext`);
  await writeFile(
    ext,
    `basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = ${san}\n`,
  );
  await signWithCa(ca.dir, { key: ca.key, caCert: ca.cert, csr, out: cert, ext, validity: options });
  return { cert, key };
}

/**
 * Makes the usual lab set in a fresh temporary directory: a CA, a server certificate for the
 * mirror, an unrelated CA and a skopeo cert dir. `serverValidity` sets the server's dates.
 */
export async function createLabPki(options: { caValidity?: Validity; serverValidity?: Validity } = {}): Promise<LabPki> {
  const dir = await mkdtemp(join(tmpdir(), 'gapwatch-pki-'));
  try {
    const ca = await createCa(dir, 'ca', options.caValidity);
    const server = await issueServerCert(ca, options.serverValidity);
    const otherCa = await createCa(dir, 'other-ca');

    const certDir = join(dir, 'certs');
    await mkdir(certDir);
    await execFileAsync('cp', [ca.cert, join(certDir, 'ca.crt')]);

    return { dir, ca, server, otherCa, certDir, cleanup: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Returns a validity period that ended `daysAgo` days ago, for expired-certificate tests. */
export function expiredValidity(daysAgo = 1, length = 30): Validity {
  return { notBefore: new Date(Date.now() - (daysAgo + length) * DAY_MS), days: length };
}

interface SignRequest {
  key: string;
  caCert?: string;
  csr: string;
  out: string;
  ext: string;
  validity: Validity;
  selfSign?: boolean;
}

async function signWithCa(dir: string, request: SignRequest): Promise<void> {
  const notBefore = request.validity.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore.getTime() + (request.validity.days ?? 365) * DAY_MS);
  const args = [
    'ca', '-batch', '-notext', '-config', join(dir, 'openssl.cnf'),
    '-keyfile', request.key, '-in', request.csr, '-out', request.out, '-extfile', request.ext,
    '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter),
  ];
  if (request.selfSign) {
    args.push('-selfsign');
  } else if (request.caCert) {
    args.push('-cert', request.caCert);
  }
  await openssl(args);
}

// `openssl ca` keeps an index and a serial file; each CA gets its own.
async function prepareDatabase(dir: string): Promise<void> {
  await mkdir(join(dir, 'issued'), { recursive: true });
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), `${randomSerial()}\n`);
  await writeFile(
    join(dir, 'openssl.cnf'),
    [
      '[ca]',
      'default_ca = lab',
      '[lab]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir/issued',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
}

function randomSerial(): string {
  const hex = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `10${hex}`;
}

// Generalized time keeps dates after 2049 valid, which UTCTime cannot express.
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || (err as Error).message}`, { cause: err });
  }
}
