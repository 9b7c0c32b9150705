/** The subset of an ajv error the ingest replies need. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Description of one invalid field: its path, the problem and the sender's fix. */
export interface ValidationProblem {
  field: string;
  problem: string;
  fix: string;
}

/**
 * Describes the first schema violation of a report body without echoing the value, which
 * may be huge or hostile. Union errors (`anyOf`) are summarised as the allowed values.
 */
export function describeValidationProblem(errors: readonly SchemaError[]): ValidationProblem {
  const union = errors.find((error) => error.keyword === 'anyOf');
  const first = union ?? errors[0];
  if (!first) {
    return { field: '(body)', problem: 'does not match the report schema', fix: 'send a report as the agent builds it' };
  }
  const field = fieldName(first.instancePath);

  switch (first.keyword) {
    case 'additionalProperties': {
      const extra = String(first.params.additionalProperty);
      return {
        field: joinField(field, extra),
        problem: 'is not a known field',
        fix: 'remove the field, or upgrade the collector to at least the version of the agent',
      };
    }
    case 'required': {
      const missing = String(first.params.missingProperty);
      return {
        field: joinField(field, missing),
        problem: 'is missing',
        fix: 'add the field; every report carries it',
      };
    }
    case 'anyOf': {
      const allowed = errors
        .filter((error) => error.instancePath === first.instancePath && error.keyword === 'const')
        .map((error) => JSON.stringify(error.params.allowedValue));
      return {
        field,
        problem: allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : 'matches none of the allowed forms',
        fix: 'send one of the allowed values',
      };
    }
    case 'type':
      return { field, problem: `must be of type ${String(first.params.type)}`, fix: `send a value of type ${String(first.params.type)}` };
    case 'maxLength':
    case 'maxItems':
      return {
        field,
        problem: `exceeds the limit of ${String(first.params.limit)} ${first.keyword === 'maxLength' ? 'characters' : 'items'}`,
        fix: 'shorten the value; the agent truncates to these limits',
      };
    default:
      return {
        field,
        problem: first.message ?? `fails the ${first.keyword} check`,
        fix: 'correct the value as the report schema requires',
      };
  }
}

/** `/pulls/0/outcome` becomes `pulls[0].outcome`. */
function fieldName(instancePath: string): string {
  if (instancePath === '') {
    return '(body)';
  }
  const parts = instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));

  let path = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      path += `[${part}]`;
    } else {
      path = path === '' ? part : `${path}.${part}`;
    }
  }
  return path;
}

function joinField(parent: string, child: string): string {
  return parent === '(body)' ? child : `${parent}.${child}`;
}
