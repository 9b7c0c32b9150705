import { CRI_IMAGES_PLUGIN } from '../config-view.js';
import { lineIn, valueAt } from '../toml-document.js';
import type { LintRule } from '../types.js';

export const transferServiceBypass: LintRule = {
  id: 'transfer_service_bypass',
  severity: 'warning',
  summary: 'containerd 2.1+ may pull through its transfer service, which has been reported to ignore hosts.toml.',
  fix: `set use_local_image_pull = true under [plugins."${CRI_IMAGES_PLUGIN}"] so CRI pulls use hosts.toml`,
  check(input) {
    const main = input.configFiles[0];
    if (!main?.document.data || main.version < 3) {
      return [];
    }

    // NOTE: config version 3 does not tell 2.0 from 2.1+, so a 2.0 node gets this warning too.
    const enabled = input.configFiles.some(
      (config) => valueAt(config.document.data, ['plugins', CRI_IMAGES_PLUGIN, 'use_local_image_pull']) === true,
    );
    if (enabled) {
      return [];
    }
    return [
      {
        file: main.document.file,
        line: lineIn(main.document, ['plugins', CRI_IMAGES_PLUGIN]),
        message: `use_local_image_pull is not set under plugins."${CRI_IMAGES_PLUGIN}", so pulls may bypass hosts.toml`,
      },
    ];
  },
};
