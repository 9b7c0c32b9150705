import type { LintRule } from '../types.js';
import { authFilePermissions } from './auth-file-permissions.js';
import { certExpired } from './cert-expired.js';
import { certExpiring } from './cert-expiring.js';
import { certFileInvalid } from './cert-file-invalid.js';
import { certFileMissing } from './cert-file-missing.js';
import { certFileUnreadable } from './cert-file-unreadable.js';
import { certsDirMissing } from './certs-dir-missing.js';
import { configMissing } from './config-missing.js';
import { configPathMissing } from './config-path-missing.js';
import { dirNameUnmatchable } from './dir-name-unmatchable.js';
import { dockerHubWrongServer } from './docker-hub-wrong-server.js';
import { hostWithoutResolve } from './host-without-resolve.js';
import { importMissing } from './import-missing.js';
import { legacyMirrorUnknownKey } from './legacy-mirror-unknown-key.js';
import { legacyMirrors } from './legacy-mirrors.js';
import { mirrorsWithConfigPath } from './mirrors-with-config-path.js';
import { noMirrorHost } from './no-mirror-host.js';
import { overridePathMismatch } from './override-path-mismatch.js';
import { plainHttpMirror } from './plain-http-mirror.js';
import { registriesYamlInvalid } from './registries-yaml-invalid.js';
import { registriesYamlUnknownKey } from './registries-yaml-unknown-key.js';
import { registryWrongSection } from './registry-wrong-section.js';
import { serverIsMirror } from './server-is-mirror.js';
import { serverPublicWithMirrors } from './server-public-with-mirrors.js';
import { skipVerify } from './skip-verify.js';
import { tomlDuplicateTable } from './toml-duplicate-table.js';
import { tomlInvalid } from './toml-invalid.js';
import { transferServiceBypass } from './transfer-service-bypass.js';

/** Every lint rule, in the order their findings are listed for one file and line. */
export const lintRules: readonly LintRule[] = [
  tomlInvalid,
  tomlDuplicateTable,
  configMissing,
  importMissing,
  configPathMissing,
  registryWrongSection,
  legacyMirrors,
  mirrorsWithConfigPath,
  legacyMirrorUnknownKey,
  authFilePermissions,
  transferServiceBypass,
  certsDirMissing,
  dirNameUnmatchable,
  skipVerify,
  plainHttpMirror,
  hostWithoutResolve,
  noMirrorHost,
  serverPublicWithMirrors,
  serverIsMirror,
  dockerHubWrongServer,
  overridePathMismatch,
  certFileMissing,
  certFileUnreadable,
  certFileInvalid,
  certExpired,
  certExpiring,
  registriesYamlInvalid,
  registriesYamlUnknownKey,
];
