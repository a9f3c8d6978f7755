import { describe, expect, it } from 'vitest';
import { accountKeyFromName } from '../model/names';
import { answersToResponses } from './answers';

describe('answersToResponses', () => {
  it('stores answers by the import’s rules: ids stable per vendor answer, accounts by company or email domain', () => {
    const at = Date.UTC(2026, 2, 1, 9);
    const out = answersToResponses(
      [
        { externalId: 'x1', score: 9, answeredAt: at, email: 'Ann@Acme.com', account: 'Acme Corp', comment: 'Great, "really"\nyes 😀' },
        { externalId: 'x2', score: 4, answeredAt: at, email: 'bob@globex.io' },
        { externalId: 'x3', score: 10, answeredAt: at, email: 'someone@gmail.com' },
        { externalId: 'x4', score: 11, answeredAt: at, email: 'cy@globex.io' },
      ],
      { idPrefix: 'typeform:tfAbc', now: at },
    );
    expect(out.responses.map((r) => [r.id, r.accountId, r.score, r.respondentEmail, r.comment])).toEqual([
      ['typeform:tfAbc:x1', accountKeyFromName('Acme Corp'), 9, 'ann@acme.com', 'Great, "really"\nyes 😀'],
      ['typeform:tfAbc:x2', accountKeyFromName('globex.io'), 4, 'bob@globex.io', undefined],
    ]);
    expect(out.unassigned).toBe(1);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ column: 'score', value: '11' });
    expect(out.errors[0]!.reason).toContain('answer x4');
    expect(out.accounts.map((a) => a.name)).toEqual(['Acme Corp', 'globex.io']);
  });
});
