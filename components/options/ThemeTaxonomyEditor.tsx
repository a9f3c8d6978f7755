import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { call } from '../../lib/messaging/client';
import { sayError } from '../shared/error-text';
import { DEFAULT_TAXONOMY, taxonomyIssues } from '../../lib/insights/taxonomy';
import type { Taxonomy, ThemeDefinition } from '../../lib/insights/types';
import { createReaderThread, type ReaderThread } from '../../lib/insights/reader-thread';
import { saveTaxonomy, type EffectiveSettings } from '../../lib/settings';
import { AnalysisStatusView } from './AnalysisStatusView';
import { LockedNote } from './LockedNote';

/** Comments the live counts are taken over: enough to see a theme's reach, few enough to count as you type. */
const SAMPLE = 1000;
import { useI18n } from '../shared/i18n';

/** `Mobile app` → `mobile_app`, unique among `taken`. */
function idFor(label: string, taken: ReadonlySet<string>): string {
  const base = label.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 36) || 'theme';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

const wordsOf = (text: string) => [...new Set(text.split(/[\n,]/).map((w) => w.trim()).filter(Boolean))];

type Counts = Record<string, { count: number; example: string | null }>;

/**
 * The themes comments are read for (docs/insights.md): rename, add, remove, change a theme's words, with
 * a live count of the stored comments each theme would match and an example, as the role editor does;
 * reset to the defaults. Saving has every stored comment read again (progress shown here). An
 * administrator's policy can fix the themes: then they are shown, locked.
 */
export function ThemeTaxonomyEditor({ settings }: { settings: EffectiveSettings | null }) {
  const headingId = useId();
  const saved = settings?.taxonomy ?? DEFAULT_TAXONOMY;
  const locked = settings?.locked.taxonomy ?? false;
  const { t: tr, f } = useI18n();
  const [draft, setDraft] = useState<Taxonomy>(saved);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [newLabel, setNewLabel] = useState('');
  const counts = useLiveCounts(draft);
  useEffect(() => setDraft(saved), [saved]);
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const problems = useMemo(() => taxonomyIssues(draft), [draft]);

  const update = (index: number, patch: Partial<ThemeDefinition>) =>
    setDraft((t) => ({ ...t, themes: t.themes.map((theme, i) => (i === index ? { ...theme, ...patch } : theme)) }));

  async function save(next: Taxonomy | null) {
    try {
      await saveTaxonomy(next);
      setStatus({ kind: 'ok', text: tr(next ? 'themes.saved' : 'themes.reset') });
    } catch (error) {
      setStatus({ kind: 'error', text: sayError(tr, error) });
    }
  }

  return (
    <section id="themes" aria-labelledby={headingId} className="card" data-testid="taxonomy-editor">
      <h2 id={headingId}>{tr('options.nav.themes')}</h2>
      <p className="small muted">
        {tr('themes.help', { n: f.number(SAMPLE) })}
      </p>
      {locked && <LockedNote id={`${headingId}-locked`} testId="taxonomy-locked" />}
      <ul className="list taxonomy">
        {draft.themes.map((theme, index) => (
          <li key={theme.id} data-testid="taxonomy-theme" data-theme-id={theme.id} className="taxonomy-theme">
            <label>
              <span className="visually-hidden">{tr('themes.nameOf', { theme: theme.label })}</span>
              <input
                value={theme.label}
                disabled={locked}
                data-testid="taxonomy-theme-label"
                onChange={(e) => update(index, { label: e.target.value })}
              />
            </label>
            <label>
              <span className="small muted">{tr('themes.words')}</span>
              <textarea
                rows={2}
                value={theme.words.join(', ')}
                disabled={locked}
                data-testid="taxonomy-theme-words"
                onChange={(e) => update(index, { words: wordsOf(e.target.value) })}
              />
            </label>
            <p className="small muted" data-testid="taxonomy-theme-count" data-count={counts?.[theme.id]?.count ?? ''}>
              {counts === null
                ? tr('themes.counting')
                : tr('themes.count', { n: counts[theme.id]?.count ?? 0 })}
              {counts?.[theme.id]?.example && (
                <>
                  {' '}
                  — {tr('themes.eg')} <q>{counts[theme.id]!.example}</q>
                </>
              )}
            </p>
            {!locked && (
              <button type="button" className="btn small" onClick={() => setDraft((t) => ({ ...t, themes: t.themes.filter((_, i) => i !== index) }))} aria-label={tr('themes.removeLabel', { theme: theme.label })}>
                {tr('sites.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!locked && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const label = newLabel.trim();
            if (!label) return;
            const id = idFor(label, new Set(draft.themes.map((t) => t.id)));
            setDraft((t) => ({ ...t, themes: [...t.themes, { id, label, words: [label.toLowerCase()] }] }));
            setNewLabel('');
          }}
        >
          <label>
            {tr('themes.new')} <input value={newLabel} onChange={(e) => setNewLabel(e.target.value)} data-testid="taxonomy-new-label" placeholder={tr('themes.newPlaceholder')} />
          </label>
          <button type="submit" className="btn" data-testid="taxonomy-add">
            {tr('themes.add')}
          </button>
        </form>
      )}
      {problems.length > 0 && (
        <p className="error small" role="alert">
          {problems.map((p) => tr(`themeProblem.${p.code}`, p.values)).join(' ')}
        </p>
      )}
      {!locked && (
        <p>
          <button type="button" className="btn btn-primary" disabled={!changed || problems.length > 0} onClick={() => void save({ ...draft, version: `edited ${new Date().toISOString().slice(0, 10)}` })} data-testid="taxonomy-save">
            {tr('themes.save')}
          </button>{' '}
          <button type="button" className="btn" onClick={() => void save(null)} data-testid="taxonomy-reset">
            {tr('themes.resetButton')}
          </button>
        </p>
      )}
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error small' : 'small'}>
          {status.text}
        </p>
      )}
      <AnalysisStatusView />
    </section>
  );
}

/**
 * How many of a sample of stored comments each theme of `taxonomy` matches, with the shortest as an
 * example: read on a thread of the page's own while the editor is open (the analysers are megabytes, and
 * building them on the page's thread held up the popup and the panels, which share it).
 */
function useLiveCounts(taxonomy: Taxonomy): Counts | null {
  const [sample, setSample] = useState<string[] | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const reader = useRef<ReaderThread | null>(null);
  useEffect(() => {
    call('sampleComments', { limit: SAMPLE }).then(setSample, () => setSample([]));
    return () => {
      reader.current?.stop();
      reader.current = null;
    };
  }, []);
  useEffect(() => {
    if (sample === null) return;
    let alive = true;
    const timer = setTimeout(() => {
      reader.current ??= createReaderThread();
      void reader.current.analyse(sample, taxonomy).then((answer) => {
        if (!alive || !answer.ok) return;
        const next: Counts = Object.fromEntries(taxonomy.themes.map((t) => [t.id, { count: 0, example: null }]));
        answer.results.forEach((insight, i) => {
          const text = sample[i]!;
          for (const theme of insight.themes) {
            const entry = next[theme.id];
            if (!entry) continue;
            entry.count++;
            if (entry.example === null || text.length < entry.example.length) entry.example = text.length > 140 ? `${text.slice(0, 139)}…` : text;
          }
        });
        setCounts(next);
      });
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [sample, taxonomy]);
  return counts;
}
