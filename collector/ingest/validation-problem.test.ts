import { describe, expect, it } from 'vitest';
import { describeValidationProblem, type SchemaError } from './validation-problem.js';

const cases: Array<{ name: string; errors: SchemaError[]; field: string; problem: string }> = [
  {
    name: 'unknown nested key',
    errors: [{ instancePath: '/pulls/3', keyword: 'additionalProperties', params: { additionalProperty: 'color' } }],
    field: 'pulls[3].color',
    problem: 'is not a known field',
  },
  {
    name: 'missing top-level key',
    errors: [{ instancePath: '', keyword: 'required', params: { missingProperty: 'stats' } }],
    field: 'stats',
    problem: 'is missing',
  },
  {
    name: 'union of literals',
    errors: [
      { instancePath: '/role', keyword: 'const', params: { allowedValue: 'node' } },
      { instancePath: '/role', keyword: 'const', params: { allowedValue: 'mirror' } },
      { instancePath: '/role', keyword: 'anyOf', params: {} },
    ],
    field: 'role',
    problem: 'must be one of "node", "mirror"',
  },
  {
    name: 'string too long',
    errors: [{ instancePath: '/pulls/0/image', keyword: 'maxLength', params: { limit: 1024 } }],
    field: 'pulls[0].image',
    problem: 'exceeds the limit of 1024 characters',
  },
];

describe('validation problem', () => {
  it.each(cases)('describes $name', ({ errors, field, problem }) => {
    const described = describeValidationProblem(errors);

    expect(described.field).toBe(field);
    expect(described.problem).toBe(problem);
  });
});
