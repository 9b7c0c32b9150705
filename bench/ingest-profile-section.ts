import { formatNumber, markdownTable } from './ingest-machine.js';
import type { ProfileSummary, ThreadProfile } from './ingest-profile.js';

/** Markdown for the profiles of every thread of the collector, each under its own heading. */
export function threadProfilesSection(title: string, profiles: readonly ThreadProfile[]): string {
  return profiles.map(({ thread, summary }) => profileSection(`${title}, ${thread} thread`, summary)).join('\n\n');
}

/** Markdown for a CPU profile summary: self time by code area, then by function. */
export function profileSection(title: string, summary: ProfileSummary): string {
  const rows = (spots: ProfileSummary['areas']) => spots.map((spot) => [`\`${spot.name}\``, formatNumber(spot.selfMs), `${formatNumber(spot.share * 100, 1)} %`]);
  return [
    `### ${title}`,
    '',
    `Non-idle sampled time: ${formatNumber(summary.busyMs)} ms, from \`node --cpu-prof\` on the collector, start-up included. ` +
      'V8 weighs each sample by the wall time since the previous one, so other processes on the same CPUs inflate the milliseconds but not the shares.',
    '',
    markdownTable(['Area', 'Self ms', 'Share of busy'], rows(summary.areas)),
    '',
    markdownTable(['Function', 'Self ms', 'Share of busy'], rows(summary.functions)),
  ].join('\n');
}
