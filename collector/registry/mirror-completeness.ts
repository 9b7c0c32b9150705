import { readFileSync } from 'node:fs';
import { parseImageRef } from '../../core/image-ref.js';
import type { Logger } from '../../core/log.js';
import type { MirrorCompleteness } from '../verdict/sources.js';
import type { MirrorCheck } from '../verdict/types.js';
import type { RegistryConfig } from './config.js';
import { checkImagesComplete, type ImageResult } from './completeness.js';
import { createRegistryClient } from './http-client.js';
import { parseMirrorUrl, toMirrorTarget } from './mirror.js';

/**
 * Checks version N in the configured mirror for the verdict. Without a `registry` section the
 * check never answers, so every verdict stays UNKNOWN rather than trusting an unchecked mirror.
 */
export function mirrorCompleteness(config: RegistryConfig | undefined, logger: Logger): MirrorCompleteness {
  if (config === undefined) {
    return {
      check: async (refs) => ({
        answered: false,
        missing: [],
        unreachable: refs.map((image) => ({ image, detail: 'no mirror configured: set registry.mirrorUrl in the collector config' })),
      }),
    };
  }

  const mirror = parseMirrorUrl(config.mirrorUrl);
  return {
    async check(refs): Promise<MirrorCheck> {
      const client = await createRegistryClient({
        baseUrl: mirror.baseUrl,
        caFile: config.caFile,
        timeoutMs: config.timeoutSeconds * 1000,
        logger,
        ...(config.usernameFile && config.passwordFile
          ? { credentials: { username: firstLine(config.usernameFile), password: firstLine(config.passwordFile) } }
          : {}),
      });
      const unparsable = refs.filter((text) => parseImageRef(text) === null);
      const targets = refs.flatMap((text) => {
        const ref = parseImageRef(text);
        return ref === null ? [] : [toMirrorTarget(ref, mirror, text)];
      });

      // Each check opens its own connection pool, and closing it keeps idle sockets from piling
      // up over scheduled verdicts.
      let results: ImageResult[];
      try {
        results = await checkImagesComplete(targets, client, { logger });
      } finally {
        await client.close().catch((err: unknown) => logger.warn({ err, registry: mirror.baseUrl }, 'closing the registry client failed'));
      }

      return {
        answered: results.every((result) => result.status !== 'error'),
        missing: [
          ...unparsable.map((image) => ({ image, detail: 'not a valid image reference' })),
          ...results
            .filter((result) => result.status !== 'complete' && result.status !== 'error')
            .map((result) => ({ image: result.image, detail: describeGap(result) })),
        ],
        unreachable: results
          .filter((result) => result.status === 'error')
          .map((result) => ({ image: result.image, detail: result.error?.message ?? 'registry did not answer' })),
      };
    },
  };
}

// An incomplete index carries no image-level error, so the first platform that failed is named.
function describeGap(result: ImageResult): string {
  if (result.error !== undefined) {
    return result.error.message;
  }
  const platform = result.platforms.find((entry) => !entry.resolves);
  if (platform === undefined) {
    return result.status;
  }
  return `${result.status}: platform ${platform.platform} (${platform.digest}) does not resolve: ${platform.error?.message ?? 'unknown error'}`;
}

function firstLine(file: string): string {
  return readFileSync(file, 'utf8').split('\n')[0]!.trim();
}
