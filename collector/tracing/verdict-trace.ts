import type { AgentDirectory, MirrorCompleteness, PullHistory } from '../verdict/sources.js';
import type { NamedRule, Verdict } from '../verdict/types.js';
import { inSpan, inSpanSync, SpanAttributes } from './tracer.js';

const INPUT_SPAN = 'gapwatch.verdict.input';

/** Wraps the verdict's pull history so each load is a `gapwatch.verdict.input` span. */
export function tracedPullHistory(pulls: PullHistory): PullHistory {
  return {
    pullsSince: (sinceMs) =>
      inSpan(INPUT_SPAN, { [SpanAttributes.verdictSource]: 'pull history' }, async (span) => {
        const events = await pulls.pullsSince(sinceMs);
        span.setAttribute('gapwatch.verdict.pulls', events.length);
        return events;
      }),
    historyStartedAt: () => inSpan(INPUT_SPAN, { [SpanAttributes.verdictSource]: 'history start' }, () => pulls.historyStartedAt()),
  };
}

export function tracedAgentDirectory(agents: AgentDirectory): AgentDirectory {
  return { agents: () => inSpan(INPUT_SPAN, { [SpanAttributes.verdictSource]: 'agent list' }, () => agents.agents()) };
}

export function tracedMirror(mirror: MirrorCompleteness): MirrorCompleteness {
  return { check: (refs) => inSpan(INPUT_SPAN, { [SpanAttributes.verdictSource]: 'mirror check' }, () => mirror.check(refs)) };
}

/** Wraps each rule so it runs in a `gapwatch.verdict.rule` span with its id and reason count. */
export function tracedRules(rules: readonly NamedRule[]): NamedRule[] {
  return rules.map((rule) => ({
    id: rule.id,
    check: (input) =>
      inSpanSync('gapwatch.verdict.rule', { [SpanAttributes.rule]: rule.id }, (span) => {
        const reasons = rule.check(input);
        span.setAttribute(SpanAttributes.ruleReasons, reasons.length);
        return reasons;
      }),
  }));
}

/**
 * Runs one verdict request in a `gapwatch.verdict` span; the input and rule spans above
 * become its children through the active context. The verdict value and reason counts are
 * recorded, never the image lists.
 */
export function traceVerdict(candidate: { delete: readonly string[]; keep: readonly string[] }, judge: () => Promise<Verdict>): Promise<Verdict> {
  return inSpan(
    'gapwatch.verdict',
    { [SpanAttributes.imagesDelete]: candidate.delete.length, [SpanAttributes.imagesKeep]: candidate.keep.length },
    async (span) => {
      const verdict = await judge();
      span.setAttribute(SpanAttributes.verdict, verdict.verdict);
      span.setAttribute(SpanAttributes.verdictReasons, verdict.reasons.length);
      for (const severity of ['unsafe', 'unknown'] as const) {
        span.setAttribute(`gapwatch.verdict.reasons_${severity}`, verdict.reasons.filter((reason) => reason.severity === severity).length);
      }
      return verdict;
    },
  );
}
