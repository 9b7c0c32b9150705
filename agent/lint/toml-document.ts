import { parse, TomlError } from 'smol-toml';
import { duplicateTables, lineOf, scanTomlLines, type TomlLineEntry } from './toml-lines.js';

export type TomlTable = Record<string, unknown>;

/** One TOML file as lint reads it: parsed data when valid, otherwise the first problem and its line. */
export interface TomlDocument {
  file: string;
  data: TomlTable | null;
  /** Parse failure other than a duplicate table; null when the file parsed. */
  syntaxError: { message: string; line: number } | null;
  /** Table headers defined twice; TOML forbids them and containerd discards the whole file. */
  duplicates: TomlLineEntry[];
  entries: TomlLineEntry[];
}

/** Parses TOML text without I/O; a parse failure is returned in the document, not thrown. */
export function parseTomlDocument(file: string, text: string): TomlDocument {
  const entries = scanTomlLines(text);
  const duplicates = duplicateTables(entries);
  try {
    return { file, data: parse(text) as TomlTable, syntaxError: null, duplicates, entries };
  } catch (err) {
    if (duplicates.length > 0) {
      return { file, data: null, syntaxError: null, duplicates, entries };
    }
    const line = err instanceof TomlError ? err.line : 1;
    const message = (err as Error).message.split('\n')[0] ?? 'invalid TOML';
    return { file, data: null, syntaxError: { message, line }, duplicates, entries };
  }
}

/** Finds the line of `path` in the document; see `lineOf`. */
export function lineIn(document: TomlDocument, path: readonly string[]): number {
  return lineOf(document.entries, path);
}

/** Reads a nested value by key path; returns undefined when any step is missing or not a table. */
export function valueAt(table: unknown, path: readonly string[]): unknown {
  let current: unknown = table;
  for (const part of path) {
    if (!isTable(current)) {
      return undefined;
    }
    current = current[part];
  }
  return current;
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
