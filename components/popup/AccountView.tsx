import { useEffect, useRef, useState } from 'react';
import { call } from '../../lib/messaging/client';
import type { AccountGlance } from '../../lib/messaging/account-glance';
import type { RecordLink } from '../../lib/accounts/record-links';
import { ActionList } from '../shared/ActionList';
import { Headline } from '../shared/Headline';
import { RoleTable } from '../shared/RoleTable';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

type Loaded = { glance: AccountGlance; links: RecordLink[] } | { missing: true };

/**
 * The popup's compact account view: the panel's own headline, roles and open actions, over the user's
 * default window and counting rule (computed in the background, as the panel's are), with links to the
 * account in the CRMs the user works in.
 */
export function AccountView({ accountId, onBack }: { accountId: string; onBack: () => void }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // The view replaces the list: move focus to its title so a screen reader says where we are.
  useEffect(() => {
    if (loaded && 'glance' in loaded) titleRef.current?.focus();
  }, [loaded]);

  useEffect(() => {
    let stale = false;
    Promise.all([call('getAccountGlance', { accountId }), call('getRecordLinks', { accountId })])
      .then(([glance, links]) => {
        if (stale) return;
        setLoaded(glance ? { glance, links } : { missing: true });
      })
      .catch((e: unknown) => !stale && setError(e));
    return () => {
      stale = true;
    };
  }, [accountId]);

  return (
    <section className="account-view" data-testid="popup-account-view" aria-labelledby="account-view-title">
      <button className="link small" onClick={onBack} data-testid="popup-back">
        ← {t('popup.back')}
      </button>
      {error != null && (
        <p role="alert" className="error small">
          {sayError(t, error)}
        </p>
      )}
      {!loaded && error == null && <div className="skeleton" aria-label={t('popup.loadingAccount')} />}
      {loaded && 'missing' in loaded && (
        <p id="account-view-title" role="alert" className="muted">
          {t('popup.accountGone')}
        </p>
      )}
      {loaded && 'glance' in loaded && (
        <>
          <h1 id="account-view-title" className="panel-title" data-testid="panel-account-name" tabIndex={-1} ref={titleRef}>
            {loaded.glance.account.name}
          </h1>
          {loaded.links.length > 0 && (
            <p className="record-links small">
              {loaded.links.map((link) => (
                <a key={link.crm} href={link.url} target="_blank" rel="noreferrer" data-testid="popup-record-link">
                  {link.label}
                </a>
              ))}
            </p>
          )}
          <Headline summary={loaded.glance.overall} window={loaded.glance.window} />
          <RoleTable roles={loaded.glance.roles} window={loaded.glance.window} />
          <ActionList actions={loaded.glance.openActions} />
        </>
      )}
    </section>
  );
}
