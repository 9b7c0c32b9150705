import type { FindingsExporter } from './findings-exporter.js';

/** Every findings exporter, one per section, each in its own file. */
export const findingsExporters: readonly FindingsExporter[] = [];
