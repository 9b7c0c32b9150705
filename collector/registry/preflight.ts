import { EXIT_ERROR, EXIT_FINDING, EXIT_OK } from '../../cli/exit-codes.js';
import type { Logger } from '../../core/log.js';
import type { RegistryClient } from './client.js';
import { checkImagesComplete, type ImageResult } from './completeness.js';
import { parseImageList, type InvalidLine } from './image-list.js';
import { toMirrorTarget, type Mirror } from './mirror.js';

export interface PreflightReport {
  mirror: string;
  /** True when the list was a transfer manifest of pinned digests. */
  digests: boolean;
  images: ImageResult[];
  invalid: InvalidLine[];
  summary: { total: number; complete: number; problems: number; errors: number; invalid: number };
}

export interface PreflightInput {
  listText: string;
  mirror: Mirror;
  client: RegistryClient;
  digests: boolean;
  logger?: Logger;
}

/** Checks that every image of the list is completely in the mirror. */
export async function runPreflight(input: PreflightInput): Promise<PreflightReport> {
  const list = parseImageList(input.listText, { requireDigest: input.digests });
  const targets = list.images.map((listed) => toMirrorTarget(listed.ref, input.mirror, listed.text));
  const images = await checkImagesComplete(targets, input.client, input.logger ? { logger: input.logger } : {});

  const complete = images.filter((r) => r.status === 'complete').length;
  const errors = images.filter((r) => r.status === 'error').length;
  return {
    mirror: input.mirror.prefix === '' ? input.mirror.baseUrl : `${input.mirror.baseUrl}/${input.mirror.prefix}`,
    digests: input.digests,
    images,
    invalid: list.invalid,
    summary: { total: images.length, complete, problems: images.length - complete - errors, errors, invalid: list.invalid.length },
  };
}

/** 3 when an image could not be checked or a line was invalid, 1 when one is missing, else 0. */
export function preflightExitCode(report: PreflightReport): number {
  if (report.summary.errors > 0 || report.summary.invalid > 0) {
    return EXIT_ERROR;
  }
  return report.summary.problems > 0 ? EXIT_FINDING : EXIT_OK;
}

/** Formats the report as a table for a terminal, one row per image and one per platform. */
export function formatPreflightTable(report: PreflightReport): string {
  const rows: string[][] = [['STATUS', 'IMAGE', 'PLATFORM', 'DIGEST', 'DETAIL']];
  for (const result of report.images) {
    rows.push([result.status, result.image, '', shortDigest(result.digest), result.error?.message ?? '']);
    for (const platform of result.platforms) {
      const state = platform.resolves ? 'ok' : 'missing';
      rows.push([`  ${state}`, '', platform.platform, shortDigest(platform.digest), platform.error?.message ?? '']);
    }
  }

  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());

  for (const bad of report.invalid) {
    lines.push(`invalid line ${bad.line} "${bad.text}": ${bad.reason}`);
  }
  const s = report.summary;
  lines.push(`${s.complete} of ${s.total} images complete in ${report.mirror}; ${s.problems} missing or mismatched, ${s.errors} not checked, ${s.invalid} invalid lines`);
  return `${lines.join('\n')}\n`;
}

function shortDigest(digest: string | null): string {
  return digest === null ? '-' : digest.slice(0, 19);
}
