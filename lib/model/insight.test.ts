/** A comment's result as the store keeps it (text, decoded where used) and as pages see it. */
import { encodeInsight, insightKeyOf, insightOf, withInsightDecoded, type StoredInsight } from './insight';

const result: StoredInsight = {
  key: '7:abc',
  language: 'en',
  analysed: true,
  sentiment: { label: 'negative', score: -0.6 },
  emotions: [{ id: 'anger', evidence: ['furious'] }],
  themes: [{ id: 'support', evidence: ['support took a week'] }],
};

test('a result kept as text reads back equal, once, and its key is read without decoding it', () => {
  const row: { id: string; insight?: StoredInsight } & ReturnType<typeof encodeInsight> = { id: 'r1', ...encodeInsight(result) };
  expect(row.insightKey).toBe('7:abc');
  expect(insightKeyOf(row)).toBe('7:abc');
  expect(row.insight).toBeUndefined();
  const read = insightOf(row);
  expect(read).toEqual(result);
  // Kept on the row: a second reader does not parse again.
  expect(insightOf(row)).toBe(read);
});

test('a result stored as an object (before results were kept as text) is read as it is', () => {
  const row = { id: 'r1', insight: result };
  expect(insightKeyOf(row)).toBe('7:abc');
  expect(insightOf(row)).toBe(result);
  expect(withInsightDecoded(row)).toBe(row);
});

test('text that is not a result reads as none (the comment is read again), never as a broken result', () => {
  for (const insightJson of ['{not json', 'null', '"text"', JSON.stringify({ key: 'k', analysed: true }), JSON.stringify({ ...result, themes: 'support' })]) {
    expect(insightOf({ insightKey: 'k', insightJson })).toBeUndefined();
  }
  expect(insightOf({})).toBeUndefined();
});

test('pages see the decoded result and not the stored text', () => {
  const row = { id: 'r1', score: 3, ...encodeInsight(result) };
  const plain = withInsightDecoded(row) as Record<string, unknown>;
  expect(plain).toEqual({ id: 'r1', score: 3, insight: result });
  expect('insightJson' in plain || 'insightKey' in plain).toBe(false);
  // A corrupt result leaves no insight at all.
  expect(withInsightDecoded({ id: 'r2', insightKey: 'k', insightJson: '{' })).toEqual({ id: 'r2' });
});
