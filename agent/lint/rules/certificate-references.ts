import { dirname } from 'node:path';
import { settingsWithFiles } from '../hosts-view.js';
import type { LintInput, ReferencedFile } from '../inputs.js';
import { lineIn } from '../toml-document.js';
import type { LintContext } from '../types.js';
import { hostsViews } from './hosts-views.js';

/** One `ca` or `client` path written in a hosts.toml, with what lint read from it. */
export interface CertificateReference {
  file: string;
  line: number;
  namespace: string;
  role: 'ca' | 'client certificate' | 'client key';
  /** Path as written in hosts.toml. */
  path: string;
  /** Path lint read, which differs from `path` under --root. */
  resolvedPath: string;
  read: ReferencedFile | undefined;
}

/** Names the file for a message: the path as written, and the path read when --root changed it. */
export function describeReferencePath(reference: CertificateReference): string {
  return reference.resolvedPath === reference.path ? reference.path : `${reference.path} (read as ${reference.resolvedPath})`;
}

/** Lists every certificate and key file the parsed hosts.toml files name. */
export function certificateReferences(input: LintInput, context: LintContext): CertificateReference[] {
  const references: CertificateReference[] = [];
  for (const view of hostsViews(input)) {
    const document = input.hostsFiles.find((hosts) => hosts.document.file === view.file)?.document;
    const base = dirname(view.file);
    const add = (role: CertificateReference['role'], path: string, key: string, tablePath: string[]) => {
      const resolvedPath = context.resolvePath(path, base);
      references.push({
        file: view.file,
        line: document ? lineIn(document, [...tablePath, key]) : 1,
        namespace: view.namespace,
        role,
        path,
        resolvedPath,
        read: input.referencedFiles.get(resolvedPath),
      });
    };

    for (const settings of settingsWithFiles(view)) {
      settings.ca.forEach((path) => add('ca', path, 'ca', settings.tablePath));
      for (const pair of settings.client) {
        add('client certificate', pair.cert, 'client', settings.tablePath);
        if (pair.key) {
          add('client key', pair.key, 'client', settings.tablePath);
        }
      }
    }
  }
  return references;
}
