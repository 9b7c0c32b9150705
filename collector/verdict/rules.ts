import { agentsSilent } from './rules/agents-silent.js';
import { historyCoverage } from './rules/history-coverage.js';
import { istioDataPlane } from './rules/istio-data-plane.js';
import { kubeSync } from './rules/kube-sync.js';
import { mirrorComplete } from './rules/mirror-complete.js';
import { protectedImages } from './rules/protected-images.js';
import { recentPulls } from './rules/recent-pulls.js';
import { rollbackWindow } from './rules/rollback-window.js';
import { rolloutInProgress } from './rules/rollout-in-progress.js';
import { runningPods } from './rules/running-pods.js';
import { workloadTemplates } from './rules/workload-templates.js';
import type { NamedRule } from './types.js';

/** Every verdict rule, in the order their reasons are listed. */
export const VERDICT_RULES: readonly NamedRule[] = [
  { id: 'running-pods', check: runningPods },
  { id: 'workload-templates', check: workloadTemplates },
  { id: 'istio-data-plane', check: istioDataPlane },
  { id: 'protected-images', check: protectedImages },
  { id: 'recent-pulls', check: recentPulls },
  { id: 'mirror-complete', check: mirrorComplete },
  { id: 'rollout-in-progress', check: rolloutInProgress },
  { id: 'rollback-window', check: rollbackWindow },
  { id: 'kube-sync', check: kubeSync },
  { id: 'agents-silent', check: agentsSilent },
  { id: 'history-coverage', check: historyCoverage },
];
