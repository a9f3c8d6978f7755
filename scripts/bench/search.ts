/**
 * Popup search over 50,000 accounts: the time of one keystroke's search (median over typed queries).
 */
import type { BenchFigure } from './nps';
import type { Account } from '../../lib/model';
import { createRandom } from '../../lib/sample/prng';
import { COMPANY_INDUSTRIES, COMPANY_STEMS, LEGAL_SUFFIXES } from '../../lib/sample/words';
import { AccountSearch } from '../../lib/accounts/search';

function syntheticAccounts(count: number): Account[] {
  const random = createRandom(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random.next() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(COMPANY_STEMS)}${i % 7 ? '' : pick(COMPANY_STEMS).toLowerCase()} ${pick(COMPANY_INDUSTRIES)} ${pick(LEGAL_SUFFIXES)}`.trim();
    return {
      id: `acc-${i}`,
      name,
      domains: [`${name.split(' ')[0]!.toLowerCase()}${i}.com`],
      salesforceIds: i % 3 ? [] : [`001Dn0000${String(i).padStart(6, '0')}AAA`],
      zendeskOrganizationIds: [String(360000 + i)],
      hubspotCompanyIds: [],
      updatedAt: 0,
    };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Per keystroke: the search index only; the service adds each result's summary (see `npm run bench -- popup`). */
export async function benchSearch(): Promise<BenchFigure[]> {
  const accounts = syntheticAccounts(50_000);
  const t0 = performance.now();
  const search = new AccountSearch(accounts);
  const buildMs = performance.now() - t0;
  // Names with a typo, an accent left out and a legal suffix; a domain, an email, a Zendesk and a Salesforce id.
  const typed = ['globex logistics', 'initech', 'acme corp', 'umbrela health', 'societe lumiere', 'acme12.com', 'jo@wonka300.com', '360123', '001Dn0000000303'];
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const query of typed) {
      for (let i = 1; i <= query.length; i++) {
        const start = performance.now();
        search.search(query.slice(0, i), 10);
        times.push(performance.now() - start);
        if (process.env.SEARCH_PROFILE && round === 2) console.log(query.slice(0, i), (performance.now() - start).toFixed(2));
      }
    }
  }
  return [
    { name: 'search.keystroke.50k', value: median(times), unit: 'ms', budget: 10 },
    { name: 'search.keystroke.50k.p95', value: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!, unit: 'ms', budget: 10 },
    { name: 'search.index-build.50k', value: buildMs, unit: 'ms', budget: 1000 },
  ];
}
