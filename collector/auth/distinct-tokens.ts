import { authError } from './errors.js';

/** Token digests of one role. */
export interface RoleDigests {
  role: string;
  digests: ReadonlyArray<{ file: string; digest: Buffer | null }>;
}

/** Throws GW_AUTH_TOKEN_REUSED when two roles share a token, so a verdict token cannot also send reports. */
export function assertDistinctTokens(roles: readonly RoleDigests[]): void {
  const seen = new Map<string, { role: string; file: string }>();
  for (const { role, digests } of roles) {
    for (const { file, digest } of digests) {
      if (digest === null) {
        continue;
      }
      const key = digest.toString('hex');
      const other = seen.get(key);
      if (other !== undefined && other.role !== role) {
        throw authError('GW_AUTH_TOKEN_REUSED', { file: `${file} (${role})`, other: `${other.file} (${other.role})` });
      }
      seen.set(key, { role, file });
    }
  }
}
