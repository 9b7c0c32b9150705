import { defineErrors } from '../../core/errors.js';

export const probeError = defineErrors({
  GW_PROBE_TARGET_INVALID: {
    message: 'probe target "{target}" is invalid: {reason}',
    fix: 'write the target as host[:port], an IPv6 address in brackets, e.g. registry.example:443 or [::1]:443',
  },
  GW_PROBE_PROXY_INVALID: {
    message: 'proxy URL "{proxy}" from {source} is invalid: {reason}',
    fix: 'set HTTPS_PROXY in containerd\'s unit or drop-in to http://host:port, or turn off proxy detection',
  },
  GW_PROBE_CA_UNREADABLE: {
    message: 'cannot read CA file {file}: {reason}',
    fix: 'check the path in caFiles exists and is readable, or remove it from the probes config',
  },
  GW_PROBE_NO_TARGETS: {
    message: 'no probe targets: none given, none in the config, and no certs.d upstream under {certsDir}',
    fix: 'pass TARGET arguments, list targets in the --config file, or point --certs-dir at containerd\'s certs.d',
  },
});
