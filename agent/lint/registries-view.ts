import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** One key of k3s/rke2 registries.yaml with its line and dotted location. */
export interface YamlKey {
  path: string[];
  line: number;
}

/** Lint view of registries.yaml: syntax errors, unknown keys and mirror endpoints. */
export interface RegistriesView {
  syntaxError: { message: string; line: number } | null;
  unknownKeys: YamlKey[];
  endpoints: Array<{ mirror: string; url: string; line: number }>;
  skipVerify: YamlKey[];
}

// Keys k3s and rke2 read; any other key is ignored by them without a warning.
const MIRROR_KEYS = new Set(['endpoint', 'rewrite']);
const CONFIG_KEYS = new Set(['auth', 'tls']);
const AUTH_KEYS = new Set(['username', 'password', 'auth', 'identity_token']);
const TLS_KEYS = new Set(['cert_file', 'key_file', 'ca_file', 'insecure_skip_verify']);

/** Parses registries.yaml text without I/O; a syntax error is returned in the view, not thrown. */
export function viewRegistriesYaml(text: string): RegistriesView {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const view: RegistriesView = { syntaxError: null, unknownKeys: [], endpoints: [], skipVerify: [] };

  const firstError = document.errors[0];
  if (firstError) {
    view.syntaxError = {
      message: firstError.message.split('\n')[0] ?? 'invalid YAML',
      line: firstError.linePos?.[0]?.line ?? 1,
    };
    return view;
  }

  const lineAt = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;

  for (const top of entries(document.contents, lineAt)) {
    if (top.key === 'mirrors') {
      checkMirrors(top.value, lineAt, view);
    } else if (top.key === 'configs') {
      checkConfigs(top.value, lineAt, view);
    } else {
      view.unknownKeys.push({ path: [top.key], line: top.line });
    }
  }
  return view;
}

function checkMirrors(node: unknown, lineAt: (node: Node | null | undefined) => number, view: RegistriesView): void {
  for (const mirror of entries(node, lineAt)) {
    for (const field of entries(mirror.value, lineAt)) {
      if (!MIRROR_KEYS.has(field.key)) {
        view.unknownKeys.push({ path: ['mirrors', mirror.key, field.key], line: field.line });
        continue;
      }
      if (field.key === 'endpoint' && isSeq(field.value)) {
        for (const item of field.value.items) {
          if (isScalar(item) && typeof item.value === 'string') {
            view.endpoints.push({ mirror: mirror.key, url: item.value, line: lineAt(item) });
          }
        }
      }
    }
  }
}

function checkConfigs(node: unknown, lineAt: (node: Node | null | undefined) => number, view: RegistriesView): void {
  for (const host of entries(node, lineAt)) {
    for (const section of entries(host.value, lineAt)) {
      if (!CONFIG_KEYS.has(section.key)) {
        view.unknownKeys.push({ path: ['configs', host.key, section.key], line: section.line });
        continue;
      }
      const known = section.key === 'auth' ? AUTH_KEYS : TLS_KEYS;
      for (const field of entries(section.value, lineAt)) {
        const path = ['configs', host.key, section.key, field.key];
        if (!known.has(field.key)) {
          view.unknownKeys.push({ path, line: field.line });
        } else if (field.key === 'insecure_skip_verify' && isScalar(field.value) && field.value.value === true) {
          view.skipVerify.push({ path, line: field.line });
        }
      }
    }
  }
}

function entries(
  node: unknown,
  lineAt: (node: Node | null | undefined) => number,
): Array<{ key: string; value: unknown; line: number }> {
  if (!isMap(node)) {
    return [];
  }
  return node.items.map((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    return { key, value: pair.value, line: lineAt(pair.key as Node) };
  });
}
