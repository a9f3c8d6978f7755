import { formatNps, type NpsSummary } from '../../lib/nps';

/** A score as shown everywhere: the signed NPS, or `—` when withheld for a small sample. */
export function ScoreValue({ summary, testId }: { summary: NpsSummary; testId: string }) {
  if (summary.withheld || summary.nps === null) {
    return (
      <span className="score" data-testid={testId} data-withheld="true" title="Too few responses for a score">
        —
      </span>
    );
  }
  const category = summary.nps >= 30 ? 'promoter' : summary.nps >= 0 ? 'passive' : 'detractor';
  return (
    <span className={`score ${category}`} data-testid={testId} data-withheld="false">
      {formatNps(summary.nps)}
    </span>
  );
}

/** "+18 to +47": the 95% interval in the same sign convention as the score. */
export function formatInterval(summary: NpsSummary): string | null {
  if (!summary.interval) return null;
  return `${formatNps(summary.interval.low)} to ${formatNps(summary.interval.high)}`;
}

/** "2 promoters, 1 passive, 1 detractor": what a withheld score shows instead. */
export function formatCounts(summary: Pick<NpsSummary, 'promoters' | 'passives' | 'detractors'>): string {
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    part(summary.promoters, 'promoter', 'promoters'),
    part(summary.passives, 'passive', 'passives'),
    part(summary.detractors, 'detractor', 'detractors'),
  ].join(', ');
}
