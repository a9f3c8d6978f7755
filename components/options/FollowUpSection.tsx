import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { updateFollowUpSettings, type EffectiveSettings, type FollowUpSettings } from '../../lib/settings';
import { LockedNote } from './LockedNote';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

/**
 * Closing the loop: which responses need a follow-up (a score at or below a threshold, answered in the last
 * so many days; an administrator may fix it), the toolbar badge, and browser notifications (the permission
 * is asked for when they are turned on, and given back when they are turned off).
 */
export function FollowUpSection({ settings }: { settings: EffectiveSettings | null }) {
  const { t } = useI18n();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const locked = settings?.locked.followUpRule ?? false;
  const [draft, setDraft] = useState<{ maxScore: string; days: string } | null>(null);
  useEffect(() => {
    if (settings) setDraft({ maxScore: String(settings.followUp.maxScore), days: String(settings.followUp.days) });
  }, [settings]);

  const save = async (patch: Partial<FollowUpSettings>, said: string) => {
    try {
      await updateFollowUpSettings(patch);
      setMessage(said);
    } catch (error) {
      setMessage(sayError(t, error));
    }
  };

  const saveRule = async () => {
    if (!draft) return;
    const maxScore = Number(draft.maxScore);
    const days = Number(draft.days);
    if (!Number.isInteger(maxScore) || maxScore < 0 || maxScore > 10) return setMessage(t('followUp.badScore'));
    if (!Number.isInteger(days) || days < 1 || days > 730) return setMessage(t('followUp.badDays'));
    await save({ maxScore, days }, t('followUp.saved', { maxScore, days }));
  };

  const setNotifications = async (on: boolean) => {
    try {
      // Asked for in answer to the click, before anything else awaits.
      const granted = on ? await browser.permissions.request({ permissions: ['notifications'] }) : true;
      if (!granted) return setMessage(t('followUp.notAllowed'));
      if (!on) await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
      await save({ notifications: on }, t(on ? 'followUp.notificationsOn' : 'followUp.notificationsOff'));
    } catch (error) {
      setMessage(sayError(t, error));
    }
  };

  return (
    <section id="follow-up" aria-labelledby={`${id}-heading`} className="card" data-testid="followup-settings">
      <h2 id={`${id}-heading`}>{t('options.nav.followUp')}</h2>
      {settings && draft ? (
        <>
          <p className="small muted">{t('followUp.help')}</p>
          <div className="form-row">
            <div>
              <label htmlFor={`${id}-score`}>{t('followUp.highest')}</label>
              <input
                id={`${id}-score`}
                className="input"
                type="number"
                min={0}
                max={10}
                value={draft.maxScore}
                disabled={locked}
                aria-describedby={locked ? `${id}-locked` : undefined}
                onChange={(e) => setDraft({ ...draft, maxScore: e.target.value })}
                data-testid="followup-max-score"
              />
            </div>
            <div>
              <label htmlFor={`${id}-days`}>{t('followUp.days')}</label>
              <input
                id={`${id}-days`}
                className="input"
                type="number"
                min={1}
                max={730}
                value={draft.days}
                disabled={locked}
                aria-describedby={locked ? `${id}-locked` : undefined}
                onChange={(e) => setDraft({ ...draft, days: e.target.value })}
                data-testid="followup-days"
              />
            </div>
            {!locked && (
              <button type="button" className="btn" onClick={() => void saveRule()} data-testid="followup-save">
                {t('followUp.save')}
              </button>
            )}
          </div>
          {locked && <LockedNote id={`${id}-locked`} testId="locked-followup" />}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.followUp.badge}
              onChange={(e) => void save({ badge: e.target.checked }, t(e.target.checked ? 'followUp.badgeOn' : 'followUp.badgeOff'))}
              data-testid="followup-badge"
            />{' '}
            {t('followUp.badge')}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.followUp.notifications}
              onChange={(e) => void setNotifications(e.target.checked)}
              data-testid="followup-notifications"
            />{' '}
            {t('followUp.notify')}
          </label>
        </>
      ) : (
        <p className="muted">…</p>
      )}
      <p role="status" className="small" data-testid="followup-message">
        {message}
      </p>
    </section>
  );
}
