import type { NpsSummary } from '../../lib/nps';
import { formatNps } from '../../lib/nps/nps';
import { translator, type Translator } from '../../lib/i18n';
import { useI18n } from './i18n';

const english = translator('en');

/** A score as shown everywhere: the signed NPS, or `—` when withheld for a small sample. */
export function ScoreValue({ summary, testId }: { summary: NpsSummary; testId: string }) {
  const { t } = useI18n();
  if (summary.withheld || summary.nps === null) {
    return (
      <span className="score" data-testid={testId} data-withheld="true" title={t('score.withheldTitle')}>
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
export function formatInterval(summary: NpsSummary, t: Translator = english): string | null {
  if (!summary.interval) return null;
  return t('score.interval', { low: formatNps(summary.interval.low), high: formatNps(summary.interval.high) });
}

/** "2 promoters, 1 passive, 1 detractor": what a withheld score shows instead. */
export function formatCounts(summary: Pick<NpsSummary, 'promoters' | 'passives' | 'detractors'>, t: Translator = english): string {
  return t('score.counts', { promoters: summary.promoters, passives: summary.passives, detractors: summary.detractors });
}
