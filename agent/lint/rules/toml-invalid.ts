import type { LintRule } from '../types.js';
import { tomlDocuments } from './documents.js';

export const tomlInvalid: LintRule = {
  id: 'toml_invalid',
  severity: 'error',
  summary: 'A containerd config or hosts.toml is not valid TOML.',
  fix: 'correct the TOML syntax at that line; containerd fails to start on a broken config.toml and ignores a broken hosts.toml',
  check(input) {
    return tomlDocuments(input)
      .filter(({ document }) => document.syntaxError !== null)
      .map(({ document, kind }) => ({
        file: document.file,
        line: document.syntaxError?.line ?? 1,
        message: `${kind} is not valid TOML: ${document.syntaxError?.message ?? ''}`,
      }));
  },
};
