import { describe, expect, it } from 'vitest';
import {
  apiUrl, changesParams, contextParams, LookupParamsSchema, lookupParams, paths, SearchParamsSchema, searchParams,
  ChangesParamsSchema, LookupResultSchema, ErrorBodySchema,
} from './schemas';

/** The query string as the server reads it: repeatable parameters as arrays. */
function asServerReads(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) query[key] = ['domain', 'email'].includes(key) ? params.getAll(key) : params.get(key)!;
  return query;
}

describe('wire', () => {
  it('builds URLs under a base URL, keeping its path prefix and encoding ids', () => {
    expect(apiUrl('https://nps.example.com', paths.source())).toBe('https://nps.example.com/v1/source');
    expect(apiUrl('https://nps.example.com/', paths.source())).toBe('https://nps.example.com/v1/source');
    expect(apiUrl('https://intranet.example.com/nps/', paths.context('name:acme & co/x'), contextParams({ window: '90d' }))).toBe(
      'https://intranet.example.com/nps/v1/accounts/name%3Aacme%20%26%20co%2Fx/context?window=90d',
    );
    expect(apiUrl('http://127.0.0.1:8787/?stale=1#frag', paths.actions())).toBe('http://127.0.0.1:8787/v1/actions');
  });

  it('builds query strings that the server-side schemas accept', () => {
    const lookup = LookupParamsSchema.parse(
      asServerReads(lookupParams({ salesforceAccountId: '001Dn00000AcmeC', domains: ['acme.com', 'acme.de'], emails: ['a@acme.com'], name: 'Acme' })),
    );
    expect(lookup).toEqual({ salesforce_account_id: '001Dn00000AcmeC', domain: ['acme.com', 'acme.de'], email: ['a@acme.com'], name: 'Acme' });
    expect(SearchParamsSchema.parse(asServerReads(searchParams({ q: 'acme', limit: 5 })))).toEqual({ q: 'acme', limit: 5 });
    expect(ChangesParamsSchema.parse(asServerReads(changesParams({ updatedSince: 1700000000000, limit: 10 })))).toEqual({
      updated_since: 1700000000000, limit: 10,
    });
    // A cursor carries the starting point: updated_since is not sent beside it.
    expect(changesParams({ updatedSince: 5, cursor: 'abc' }).toString()).toBe('cursor=abc');
    expect(LookupParamsSchema.safeParse({}).success).toBe(false);
  });

  it('tells a unique match from an ambiguous one by shape', () => {
    const account = { id: 'a', name: 'A', updatedAt: 1 };
    expect(LookupResultSchema.safeParse({ status: 'matched', via: 'name', matches: [account, { ...account, id: 'b' }] }).success).toBe(false);
    expect(LookupResultSchema.safeParse({ status: 'ambiguous', via: 'domain', matches: [account] }).success).toBe(false);
    expect(LookupResultSchema.parse({ status: 'matched', via: 'crm_id', matches: [account] }).matches[0]!.domains).toEqual([]);
  });

  it('reads error bodies with or without a field', () => {
    expect(ErrorBodySchema.parse({ error: { code: 'future_code', message: 'm' } }).error.field).toBeUndefined();
    expect(ErrorBodySchema.safeParse({ message: 'not our shape' }).success).toBe(false);
  });
});
