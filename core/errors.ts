/**
 * Coded errors. Every error gapwatch raises on purpose has a stable code, a message that
 * names the offending value, and a fix an operator can act on. Areas declare their codes
 * with `defineErrors`, which registers them in one process-wide registry so that a code
 * is never reused with two meanings.
 */

export interface ErrorSpec {
  /** Message template; `{name}` placeholders are filled from the params. */
  message: string;
  /** What the operator should do next, same placeholders allowed. */
  fix: string;
}

const registry = new Map<string, ErrorSpec>();

export class GapwatchError extends Error {
  readonly code: string;
  readonly fix: string;
  readonly params: Record<string, unknown>;

  constructor(code: string, params: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    const spec = registry.get(code);
    if (!spec) {
      throw new Error(`unregistered error code ${code}`);
    }
    super(fill(spec.message, params), options);
    this.name = 'GapwatchError';
    this.code = code;
    this.fix = fill(spec.fix, params);
    this.params = params;
  }

  /** One line for a terminal: message, then the fix. */
  describe(): string {
    return `${this.code}: ${this.message}. Fix: ${this.fix}`;
  }
}

/**
 * Registers error codes and returns a constructor helper bound to them.
 * Throws at import time when a code is registered twice.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T) {
  for (const [code, spec] of Object.entries(specs)) {
    if (registry.has(code)) {
      throw new Error(`error code ${code} is registered twice`);
    }
    registry.set(code, spec);
  }
  return (code: keyof T & string, params: Record<string, unknown> = {}, cause?: unknown) =>
    new GapwatchError(code, params, cause === undefined ? undefined : { cause });
}

/** Lists every registered code, for the README table and its test. */
export function registeredErrors(): ReadonlyMap<string, ErrorSpec> {
  return registry;
}

export function isGapwatchError(value: unknown, code?: string): value is GapwatchError {
  return value instanceof GapwatchError && (code === undefined || value.code === code);
}

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatParam(params[name]) : whole,
  );
}

function formatParam(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value instanceof Error) {
    return value.message;
  }
  return JSON.stringify(value) ?? String(value);
}
