import type { Command } from 'commander';
import { register as agent } from './agent.js';
import { register as alerts } from './alerts.js';
import { register as collector } from './collector.js';
import { register as dashboards } from './dashboards.js';
import { register as demo } from './demo.js';
import { register as lint } from './lint.js';
import { register as preflight } from './preflight.js';
import { register as probe } from './probe.js';
import { register as pulls } from './pulls.js';
import { register as verdict } from './verdict.js';

/** Every subcommand, each in its own file. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  pulls,
  agent,
  collector,
  probe,
  lint,
  verdict,
  preflight,
  alerts,
  dashboards,
  demo,
];
