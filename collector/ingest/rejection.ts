import type { GapwatchError } from '../../core/errors.js';
import { collectorError } from '../errors.js';
import type { ReportResult } from '../metrics/ingest-metrics.js';
import { describeValidationProblem, type SchemaError } from './validation-problem.js';

/** Reply status, metric result and coded error of a rejected report. */
export interface Rejection {
  status: number;
  /** Result counted in gapwatch_ingest_reports_total; null counts nothing there. */
  result: ReportResult | null;
  error: GapwatchError;
  /** Extra reply headers, such as WWW-Authenticate or Retry-After. */
  headers?: Record<string, string>;
}

export interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  validation?: SchemaError[];
}

/** Maps an error raised while parsing or validating a report body to its reply; null when it is no client error. */
export function rejectionOf(err: FastifyLikeError, bodyLimit: number, contentType: string | undefined): Rejection | null {
  if (err.validation) {
    return { status: 400, result: 'invalid', error: collectorError('GW_INGEST_INVALID', { ...describeValidationProblem(err.validation) }) };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, result: 'too_large', error: collectorError('GW_INGEST_TOO_LARGE', { limit: bodyLimit }) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        result: 'unsupported_media_type',
        error: collectorError('GW_INGEST_CONTENT_TYPE', { contentType: contentType ?? '(none)' }),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, result: 'not_json', error: collectorError('GW_INGEST_NOT_JSON', { reason: 'the body is empty' }) };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, result: 'not_json', error: collectorError('GW_INGEST_NOT_JSON', { reason: err.message }) };
    default:
      break;
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/.test(err.message))) {
    return { status: 400, result: 'not_json', error: collectorError('GW_INGEST_NOT_JSON', { reason: err.message.slice(0, 200) }) };
  }
  return null;
}
