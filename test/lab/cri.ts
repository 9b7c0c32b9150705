import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { waitFor } from './processes.js';

/**
 * The slice of the Kubernetes CRI API (runtime.v1) the lab calls, with the field numbers of
 * k8s.io/cri-api. Unknown fields are skipped by protobuf, so the short messages stay compatible.
 */
const CRI_PROTO = `
syntax = "proto3";
package runtime.v1;

service RuntimeService {
  rpc Version(VersionRequest) returns (VersionResponse) {}
}

service ImageService {
  rpc PullImage(PullImageRequest) returns (PullImageResponse) {}
}

message VersionRequest { string version = 1; }
message VersionResponse {
  string version = 1;
  string runtime_name = 2;
  string runtime_version = 3;
  string runtime_api_version = 4;
}

message ImageSpec { string image = 1; }
message PullImageRequest { ImageSpec image = 1; }
message PullImageResponse { string image_ref = 1; }
`;

/** What one PullImage call returned. */
export type PullResult =
  | { ok: true; image: string; imageRef: string }
  | { ok: false; image: string; code: grpc.status; message: string };

/** A CRI client on containerd's socket, calling the services the kubelet calls. */
export interface CriClient {
  /** Pulls as the kubelet does; a gRPC error becomes `ok: false`, never a throw. */
  pullImage(image: string, timeoutMs?: number): Promise<PullResult>;
  /** Resolves once the CRI plugin returns a Version response, which it does only after it has started. */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  close(): void;
}

type UnaryMethod<Req, Res> = (
  request: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, response?: Res) => void,
) => void;

interface ImageServiceClient extends grpc.Client {
  PullImage: UnaryMethod<{ image: { image: string } }, { image_ref: string }>;
}

interface RuntimeServiceClient extends grpc.Client {
  Version: UnaryMethod<{ version: string }, { runtime_name: string; runtime_version: string }>;
}

/** Connects to the CRI services on the unix socket at `socketPath`. */
export function createCriClient(socketPath: string): CriClient {
  const definition = loadCriDefinition();
  const runtimePackage = (definition.runtime as grpc.GrpcObject).v1 as grpc.GrpcObject;
  const ImageService = runtimePackage.ImageService as grpc.ServiceClientConstructor;
  const RuntimeService = runtimePackage.RuntimeService as grpc.ServiceClientConstructor;
  const target = `unix://${socketPath}`;
  const images = new ImageService(target, grpc.credentials.createInsecure()) as unknown as ImageServiceClient;
  const runtime = new RuntimeService(target, grpc.credentials.createInsecure()) as unknown as RuntimeServiceClient;

  return {
    pullImage(image, timeoutMs = 60_000) {
      return new Promise((resolve) => {
        images.PullImage({ image: { image } }, { deadline: Date.now() + timeoutMs }, (err, response) => {
          if (err) {
            resolve({ ok: false, image, code: err.code, message: err.details || err.message });
            return;
          }
          resolve({ ok: true, image, imageRef: response?.image_ref ?? '' });
        });
      });
    },

    async waitUntilReady(timeoutMs = 20_000) {
      let lastError = '';
      await waitFor(
        () =>
          new Promise<true | undefined>((resolve) => {
            runtime.Version({ version: '' }, { deadline: Date.now() + 2_000 }, (err) => {
              lastError = err ? err.message : '';
              resolve(err ? undefined : true);
            });
          }),
        { timeoutMs, intervalMs: 200, what: `CRI Version on ${socketPath}`, details: () => `last error: ${lastError}` },
      );
    },

    close() {
      images.close();
      runtime.close();
    },
  };
}

function loadCriDefinition(): grpc.GrpcObject {
  // proto-loader reads files only, so the proto goes through a short-lived temporary file.
  const dir = mkdtempSync(join(tmpdir(), 'gw-cri-'));
  try {
    const file = join(dir, 'cri.proto');
    writeFileSync(file, CRI_PROTO);
    const packageDefinition = protoLoader.loadSync(file, { keepCase: true, defaults: true });
    return grpc.loadPackageDefinition(packageDefinition);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
