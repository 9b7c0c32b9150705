import type { LintRule } from '../types.js';
import { hostsViews } from './hosts-views.js';

export const serverIsMirror: LintRule = {
  id: 'server_is_mirror',
  severity: 'info',
  summary: 'The upstream `server` is one of the mirrors, so there is no fallback beyond the mirror.',
  fix: 'nothing to do in an air gap; elsewhere set server to the real upstream registry',
  check(input) {
    return hostsViews(input).flatMap((view) => {
      const server = view.server;
      if (!server) {
        return [];
      }
      const same = view.mirrors.find(
        (mirror) => mirror.parsed.hostPort === server.parsed.hostPort && mirror.parsed.path === server.parsed.path,
      );
      return same ? [{ file: view.file, line: server.line, message: `server of ${view.namespace} is its mirror ${same.url}` }] : [];
    });
  },
};
