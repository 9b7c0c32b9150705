import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintFinding, LintRule, Severity } from '../types.js';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Formats findings as a SARIF 2.1.0 log for code scanning: every rule is listed with its
 * id and help, and each result points at a file and line. Files under `root` get URIs
 * relative to it (uriBaseId ROOT), so a repository holding a node tree maps onto its files.
 */
export function formatSarif(findings: readonly LintFinding[], rules: readonly LintRule[], root: string, version: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const rootPath = resolve(root);

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gapwatch',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              help: { text: `Fix: ${rule.fix}` },
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        originalUriBaseIds: { ROOT: { uri: pathToFileURL(rootPath.endsWith(sep) ? rootPath : `${rootPath}${sep}`).href } },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule) } : {}),
          level: SARIF_LEVEL[finding.severity],
          message: { text: `${finding.message}. Fix: ${finding.fix}` },
          locations: [{ physicalLocation: { artifactLocation: artifactFor(finding.file, rootPath), region: { startLine: finding.line } } }],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function artifactFor(file: string, rootPath: string): { uri: string; uriBaseId?: string } {
  const relativePath = relative(rootPath, resolve(file));
  if (relativePath !== '' && !relativePath.startsWith('..')) {
    return { uri: relativePath.split(sep).map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' };
  }
  return { uri: pathToFileURL(resolve(file)).href };
}
