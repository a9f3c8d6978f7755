import { useEffect, useState } from 'react';
import { call } from '../../lib/messaging/client';
import type { AnalysisStatus } from '../../lib/model/events';
import { useServiceEvents } from '../shared/useServiceEvents';
import { useI18n } from '../shared/i18n';
import { sayStored } from '../shared/error-text';

/** Where the background's reading of stored comments stands, with Cancel while it runs and Read again after. */
export function AnalysisStatusView() {
  const { t, f } = useI18n();
  const [status, setStatus] = useState<AnalysisStatus | null>(null);
  useEffect(() => {
    call('getAnalysisStatus', {}).then(setStatus, () => setStatus(null));
  }, []);
  useServiceEvents((event) => {
    if (event.event === 'analysisProgress') {
      const { channel: _channel, event: _event, ...next } = event;
      setStatus(next);
    }
  });
  if (!status) return null;
  const percent = status.blocksTotal > 0 ? Math.min(100, Math.round((100 * status.blocksDone) / status.blocksTotal)) : 100;
  return (
    <div className="small" aria-live="polite" data-testid="analysis-status" data-state={status.state}>
      {status.state === 'running' && (
        <>
          <progress max={100} value={percent} aria-label={t('analysis.progressLabel')} /> {t('analysis.reading', { percent: f.percent(percent / 100), n: f.number(status.analysed) })}{' '}
          <button type="button" className="btn small" onClick={() => void call('cancelAnalysis', {})} data-testid="analysis-cancel">
            {t('action.cancel')}
          </button>
        </>
      )}
      {status.state === 'idle' && <span className="muted">{status.analysed ? t('analysis.doneNow', { n: f.number(status.analysed) }) : t('analysis.done')}</span>}
      {(status.state === 'cancelled' || status.state === 'failed') && (
        <>
          {status.state === 'cancelled' ? t('analysis.cancelled') : t('analysis.failed', { error: status.lastError === null ? t('analysis.unknownError') : sayStored(t, status.lastError, status.lastErrorWords) })}{' '}
          <button type="button" className="btn small" onClick={() => void call('startAnalysis', {})} data-testid="analysis-start">
            {t('analysis.start')}
          </button>
        </>
      )}
      {status.state === 'unavailable' && <span className="muted">{status.lastError === null ? '' : sayStored(t, status.lastError, status.lastErrorWords)}</span>}
    </div>
  );
}
