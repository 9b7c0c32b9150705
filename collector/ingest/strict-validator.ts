import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats ships CommonJS with a default export that NodeNext types as a namespace.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Creates the validator compiler for report bodies. Unlike fastify's default ajv options, it neither
 * coerces types (`"7"` stays a string and fails an integer field) nor strips unknown keys,
 * so a report that breaks the schema is rejected. It stops at the first error, so a hostile
 * body with many errors costs no more than one.
 */
export function strictValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false });
  addFormats(ajv);
  return ({ schema }) => ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
}
