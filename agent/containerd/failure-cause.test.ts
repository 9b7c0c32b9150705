import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure-cause.js';

// Error texts as containerd printed them in real logs.
const CASES = [
  ['trying next host - response was http.StatusNotFound', 'not_found'],
  [
    'rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/pause:3.10": failed to resolve reference "registry.k8s.io/pause:3.10": registry.k8s.io/pause:3.10: not found',
    'not_found',
  ],
  [
    'failed to do request: Head "https://127.0.0.1:5443/v2/solo-public/only-upstream/manifests/1.0?ns=us-docker.pkg.dev": x509: certificate signed by unknown authority',
    'tls',
  ],
  [
    'failed to do request: Head "https://127.0.0.1:9/v2/solo-public/missing/manifests/1.0?ns=us-docker.pkg.dev": dial tcp 127.0.0.1:9: connect: connection refused',
    'refused',
  ],
  [
    'failed to do request: Head "http://172.18.0.7:5000/v2/hello-world/manifests/latest?ns=gcr.io": dial tcp 172.18.0.7:5000: connect: no route to host',
    'unreachable',
  ],
  [
    'failed to do request: Head "https://www.google.com:81/v2/library/mirror-test/manifests/debian-stable?ns=docker.io": dial tcp 142.251.111.103:81: i/o timeout',
    'timeout',
  ],
  [
    'failed to do request: Head "https://docker.io/v2/nginxinc/nginx-unprivileged/manifests/v1.25.1": dial tcp: lookup docker.io on 10.0.0.53:53: server misbehaving',
    'dns',
  ],
  [
    'rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "docker.io/calico/cni:v3.27.0": failed to resolve image: failed to do request: Head "https://registry-1.docker.io/v2/calico/cni/manifests/v3.27.0": dial tcp [2a03:2880:f10e:83:face:b00c:0:25de]:443: i/o timeout',
    'timeout',
  ],
  [
    'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    'unauthorized',
  ],
  [
    'failed to pull and unpack image "us.gcr.io/hosted-grafana/hosted-grafana-pro:11.1.0-ephemeral-6436-938-1": failed to resolve reference "us.gcr.io/hosted-grafana/hosted-grafana-pro:11.1.0-ephemeral-6436-938-1": unexpected status from HEAD request to https://us.gcr.io/v2/hosted-grafana/hosted-grafana-pro/manifests/11.1.0-ephemeral-6436-938-1: 403 Forbidden',
    'unauthorized',
  ],
  [
    'rpc error: code = Canceled desc = failed to pull and unpack image "private_registery.mydomain/csg/idrac_to_kafka:20250429T0012": context canceled',
    'canceled',
  ],
  ['cancel pulling image x because of no progress in 1m0s', 'timeout'],
  [
    'failed to pull and unpack image "127.0.0.1:5444/solo-public/only-upstream:1.0": failed to resolve reference "127.0.0.1:5444/solo-public/only-upstream:1.0": pulling from host 127.0.0.1:5444 failed with status code [manifests 1.0]: 400 Bad Request',
    'other',
  ],
  ['unexpected status from HEAD request to https://mirror.internal/v2/a/manifests/1: 503 Service Unavailable', 'server_error'],
  ['failed to do request: Head "https://127.0.0.1:5443/v2/a/manifests/1": http: server gave HTTP response to HTTPS client', 'http_to_https'],
  ['failed to do request: Head "http://localhost:8080/v2/library/mirror-test/manifests/debian-stable?ns=docker.io": EOF', 'other'],
  ['remote error: tls: certificate required', 'tls'],
] as const;

describe('classifyFailure', () => {
  const numbered = CASES.map(([text, cause], index) => [index, cause, text] as const);
  it.each(numbered)('case %i is %s', (_index, cause, text) => {
    expect(classifyFailure(text)).toBe(cause);
  });
});
