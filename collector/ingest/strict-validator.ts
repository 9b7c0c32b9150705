import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats ships CommonJS with a default export that NodeNext types as a namespace.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Returns a copy of `schema` whose integers without their own bounds stay within
 * ±Number.MAX_SAFE_INTEGER. JSON.parse rounds larger integers, so `seq: 2^53+1` would arrive
 * as 2^53 and mark every later report of that agent as already accepted.
 */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(boundIntegers);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }

  const bounded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    bounded[key] = boundIntegers(value);
  }
  if (bounded.type === 'integer') {
    bounded.maximum ??= Number.MAX_SAFE_INTEGER;
    bounded.minimum ??= -Number.MAX_SAFE_INTEGER;
  }
  return bounded;
}

/**
 * Creates the validator compiler for report bodies. Unlike fastify's default ajv options, it neither
 * coerces types (`"7"` stays a string and fails an integer field) nor strips unknown keys,
 * so a report that breaks the schema is rejected. Integers must be safe ones (see boundIntegers). It stops at the first error, so a hostile
 * body with many errors costs no more than one.
 */
export function strictValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false });
  addFormats(ajv);
  return ({ schema }) => ajv.compile(boundIntegers(schema) as object) as ReturnType<FastifySchemaCompiler<unknown>>;
}
