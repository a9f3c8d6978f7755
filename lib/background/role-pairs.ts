/**
 * The (role value, job title) pairs of every stored respondent, with how many respondents give each:
 * what the role mapping editor's preview counts. People repeat a few hundred pairs at most, so a preview
 * of any mapping is then a count over those pairs, not over every person.
 *
 * Walked from the store once per change of the data, on first use: the options page asks again after
 * every change and at every edit of the draft, and a walk over 50,000 accounts' respondents takes the
 * worker's thread for seconds in slices. Each such call used to walk them all again, and a walk went on
 * after its page had closed: in the popup bench, walks started by the options page ran through the
 * popup's keystrokes (a third of the worker's time while typing). A change stops the walk under way;
 * its callers are answered by the next one, and a walk stops when no options page is open any more
 * (nobody is left to answer).
 */
import { browser } from 'wxt/browser';
import { slicer } from '../core/yield';
import type { NpsStore, Respondent } from '../store';

/** Accounts whose respondents are read at a time: one read holds the thread this long between slices. */
const RESPONDENT_PAGE = 100;

export interface RolePair {
  role?: string;
  title?: string;
  respondents: number;
}

export interface RolePairs {
  /** Every pair with its respondents, as stored now (walked once per change, callers meanwhile share the walk). */
  get(): Promise<RolePair[]>;
  /** The data changed: the pairs are walked again when next asked for, and a walk under way stops. */
  drop(): void;
}

class Superseded extends Error {}

/**
 * Whether an options page is open (the preview's only caller), where the browser can say
 * (`runtime.getContexts`, Chromium); elsewhere, or if it cannot tell, the walk goes on.
 */
export async function optionsPageOpen(): Promise<boolean> {
  const runtime = browser.runtime as unknown as { getContexts?: (filter: object) => Promise<Array<{ documentUrl?: string }>> };
  if (typeof runtime.getContexts !== 'function') return true;
  try {
    const contexts = await runtime.getContexts({});
    return contexts.some((c) => c.documentUrl !== undefined && new URL(c.documentUrl).pathname === '/options.html');
  } catch {
    return true;
  }
}

async function walk(store: NpsStore, stopped: () => boolean, wanted: () => Promise<boolean>): Promise<RolePair[]> {
  const pairs = new Map<string, RolePair>();
  const pause = slicer();
  let after: string | null = null;
  do {
    const page: { people: Respondent[]; next: string | null } = await store.respondentsPage(after, RESPONDENT_PAGE);
    if (stopped()) throw new Superseded();
    for (const person of page.people) {
      const key = `${person.role ?? ''}\u0000${person.title ?? ''}`;
      const pair = pairs.get(key);
      if (pair) pair.respondents++;
      else pairs.set(key, { ...(person.role === undefined ? {} : { role: person.role }), ...(person.title === undefined ? {} : { title: person.title }), respondents: 1 });
    }
    await pause();
    if (page.next !== null && !(await wanted())) throw new Error('The role mapping preview was stopped: no options page is open');
    after = page.next;
  } while (after !== null);
  return [...pairs.values()];
}

export function createRolePairs(store: () => Promise<NpsStore>, wanted: () => Promise<boolean> = optionsPageOpen): RolePairs {
  let current: { pairs: Promise<RolePair[]>; stopped: boolean } | undefined;

  const start = () => {
    const run = { pairs: undefined as unknown as Promise<RolePair[]>, stopped: false };
    run.pairs = store().then((s) => walk(s, () => run.stopped, wanted));
    run.pairs.catch(() => {
      if (current === run) current = undefined;
    });
    current = run;
    return run;
  };

  return {
    async get() {
      for (;;) {
        const run = current ?? start();
        try {
          return await run.pairs;
        } catch (error) {
          if (!(error instanceof Superseded)) throw error;
        }
      }
    },
    drop() {
      if (current) current.stopped = true;
      current = undefined;
    },
  };
}
