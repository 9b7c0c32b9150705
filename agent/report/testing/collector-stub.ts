import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ReportSchema, type Report } from '../../../wire/report.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ strict: false })).compile(ReportSchema);

/**
 * A loopback stand-in for the collector's ingest route. `status` decides the next answers;
 * accepted reports are validated against the wire schema and deduplicated by seq and pull id.
 */
export class CollectorStub {
  status = 200;
  readonly reports: Report[] = [];
  readonly pullIds = new Map<string, number>();
  readonly invalid: string[] = [];
  authorization: string | undefined;
  private server: Server | null = null;
  private seenSeqs = new Set<string>();

  async listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.authorization = req.headers.authorization;
        if (this.status !== 200) {
          res.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `stub answers ${this.status}` }));
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Report;
        if (!validate(body)) {
          this.invalid.push(JSON.stringify(validate.errors));
          res.writeHead(400).end(JSON.stringify({ error: 'invalid report' }));
          return;
        }
        this.accept(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seq: body.seq, accepted: body.pulls.length, duplicates: 0, replayed: false }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private accept(report: Report): void {
    const key = `${report.agentId}/${report.seq}`;
    if (this.seenSeqs.has(key)) {
      return;
    }
    this.seenSeqs.add(key);
    this.reports.push(report);
    for (const pull of report.pulls) {
      this.pullIds.set(pull.id, (this.pullIds.get(pull.id) ?? 0) + 1);
    }
  }
}
