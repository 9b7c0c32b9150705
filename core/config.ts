import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Static, TSchema } from '@sinclair/typebox';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { defineErrors } from './errors.js';

const configError = defineErrors({
  GW_CONFIG_UNREADABLE: {
    message: 'cannot read config file {file}: {reason}',
    fix: 'check that the path passed to --config exists and is readable by this user',
  },
  GW_CONFIG_YAML: {
    message: 'config file {file} is not valid YAML at line {line}: {reason}',
    fix: 'correct the YAML syntax at that line (indentation with spaces, quoted strings with colons)',
  },
  GW_CONFIG_INVALID: {
    message: 'config file {file} is invalid: {problems}',
    fix: 'correct each listed key; the README configuration reference lists every key, its type and default',
  },
});

// ajv-formats ships CommonJS with a default export that NodeNext sees as a namespace.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Validates a plain object against a TypeBox schema: fills defaults, rejects unknown keys
 * (schemas set additionalProperties false), and returns a deeply frozen copy.
 * `source` names the file or flag the object came from, for error messages.
 */
export function validateConfig<S extends TSchema>(schema: S, input: unknown, source: string): Readonly<Static<S>> {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const copy = structuredClone(input ?? {});
  if (!validate(copy)) {
    const problems = (validate.errors ?? []).map(describeProblem).join('; ');
    throw configError('GW_CONFIG_INVALID', { file: source, problems });
  }
  return deepFreeze(copy) as Readonly<Static<S>>;
}

/** Reads a YAML config file and validates it; see `validateConfig`. */
export function loadConfigFile<S extends TSchema>(schema: S, file: string): Readonly<Static<S>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw configError('GW_CONFIG_UNREADABLE', { file, reason: (err as Error).message }, err);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    const line = err instanceof YAMLParseError ? (err.linePos?.[0]?.line ?? '?') : '?';
    throw configError('GW_CONFIG_YAML', { file, line, reason: (err as Error).message.split('\n')[0] }, err);
  }
  return validateConfig(schema, parsed, file);
}

function describeProblem(error: ErrorObject): string {
  const key = error.instancePath === '' ? '(top level)' : error.instancePath.slice(1).replaceAll('/', '.');
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const where = key === '(top level)' ? '' : `${key}.`;
      return `unknown key "${where}${extra}" (remove it or check its spelling)`;
    }
    case 'required':
      return `missing required key "${key === '(top level)' ? '' : `${key}.`}${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `key "${key}" must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`;
    default:
      return `key "${key}" ${error.message ?? 'is invalid'}`;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}
