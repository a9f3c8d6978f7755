import { useEffect, useState } from 'react';
import { call } from '../../lib/messaging/client';
import type { AnalysisStatus } from '../../lib/model/events';
import { useServiceEvents } from '../shared/useServiceEvents';

const numberFormat = new Intl.NumberFormat();

/** Where the background's reading of stored comments stands, with Cancel while it runs and Read again after. */
export function AnalysisStatusView() {
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
          <progress max={100} value={percent} aria-label="Reading stored comments" /> Reading comments: {percent}% ({numberFormat.format(status.analysed)} read){' '}
          <button type="button" className="btn small" onClick={() => void call('cancelAnalysis', {})} data-testid="analysis-cancel">
            Cancel
          </button>
        </>
      )}
      {status.state === 'idle' && <span className="muted">Every stored comment has been read{status.analysed ? ` (${numberFormat.format(status.analysed)} just now)` : ''}.</span>}
      {(status.state === 'cancelled' || status.state === 'failed') && (
        <>
          {status.state === 'cancelled' ? 'Reading comments was cancelled; some are not read yet.' : `Reading comments failed: ${status.lastError ?? 'unknown error'}.`}{' '}
          <button type="button" className="btn small" onClick={() => void call('startAnalysis', {})} data-testid="analysis-start">
            Read them now
          </button>
        </>
      )}
      {status.state === 'unavailable' && <span className="muted">{status.lastError}</span>}
    </div>
  );
}
