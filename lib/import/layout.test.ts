import { describe, expect, it } from 'vitest';
import { analyseHeaders, detectKind, npsCompanionOf } from './headers';
import { readLayout } from './layout';
import { shapeOf } from './file-shape';
import { importCsv } from './stream';
import type { SurveyResponse } from '../model';

const kindOf = (first: readonly string[]) => detectKind(first) !== null;

describe('readLayout', () => {
  it('takes SurveyMonkey’s `Response` row as a header row, and stops at the data', () => {
    const layout = readLayout(
      [['Respondent ID', 'How likely is it that you would recommend us?'], ['', 'Response'], ['1', '9'], ['2', 'Response']],
      kindOf,
    );
    expect(layout.headerRows).toBe(2);
    expect(layout.skipped).toEqual([{ row: 2, why: 'sub_header' }]);
    expect(layout.labels[1]).toEqual(['How likely is it that you would recommend us?', 'Response']);
  });

  it('reads Qualtrics’ metadata row for labels and the time zone', () => {
    const layout = readLayout(
      [['RecordedDate', 'Q1'], ['Recorded Date', 'How likely …?'], ['{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}', '{"ImportId":"QID1"}'], ['2026-01-01 10:00:00', '9']],
      kindOf,
    );
    expect(layout.headerRows).toBe(3);
    expect(layout.timeZone).toBe('Europe/Berlin');
    expect(layout.labels[1]).toEqual(['Q1', 'How likely …?', 'QID1']);
  });

  it('never takes a data row of an ordinary file for a header, even one with words only', () => {
    const actions = readLayout([['account_name', 'title', 'status'], ['Acme', 'Call them back about the invoice', 'open']], kindOf);
    expect(actions.headerRows).toBe(1);
    const responses = readLayout([['account_name', 'score', 'responded_at'], ['Acme', 'ten', 'yesterday']], kindOf);
    expect(responses.headerRows).toBe(1);
  });
});

describe('finding the NPS question', () => {
  it('by its companion group column, whatever the question’s own label', () => {
    expect(npsCompanionOf('Q1_NPS_GROUP')).toBe('Q1');
    expect(npsCompanionOf('NPS Category')).toBe('');
    expect(npsCompanionOf('Score')).toBeNull();
    const analysis = analyseHeaders(['Email', 'Date', 'Q1', 'Q1_NPS_GROUP'], 'responses');
    expect(analysis.columns.score).toBe(2);
    expect(analysis.scoreFoundBy).toBe('companion');
  });

  it('by an NPS column id', () => {
    expect(analyseHeaders(['Email', 'Date', 'QID7_NPS'], 'responses').columns.score).toBe(2);
  });

  it.each([
    ['Wie wahrscheinlich ist es, dass Sie uns einem Freund weiterempfehlen?'],
    ['Quelle est la probabilité que vous recommandiez notre produit ?'],
    ['¿Qué probabilidad hay de que recomiendes nuestro producto?'],
    ['Qual a probabilidade de você recomendar a nossa empresa?'],
    ['友人や同僚に当社を勧める可能性はどのくらいありますか？'],
  ])('by its question text: %s', (question) => {
    expect(analyseHeaders(['Email', 'Date', question], 'responses').columns.score).toBe(2);
  });

  it('as the one column of whole numbers 0–10 when nothing names it', () => {
    const sample = [['acme@x.com', '2026-01-01', '1', '9', '120'], ['b@y.com', '2026-01-02', '0', '3', '30'], ['c@z.com', '2026-01-03', '1', '10', '45']];
    const analysis = analyseHeaders(['Email', 'Date', 'Finished', 'Answer 7', 'Duration'], 'responses', undefined, { sample });
    expect(analysis.columns.score).toBe(3);
    expect(analysis.scoreFoundBy).toBe('values');
    // Two such columns: which one is not guessed.
    const two = [['a@x.com', '2026-01-01', '9', '4'], ['b@y.com', '2026-01-02', '3', '8']];
    expect(analyseHeaders(['Email', 'Date', 'A', 'B'], 'responses', undefined, { sample: two }).columns.score).toBeUndefined();
  });
});

describe('a survey export with no known vendor', () => {
  it('imports with question-text headers, placeholders and accounts from email domains', async () => {
    const csv = [
      'Submitted,Your email,"How likely are you to recommend us to a colleague?",Why?',
      ',,Response,Open-Ended Response',
      '2026-03-01 10:00,ann@acme.com,9,N/A',
      '2026-03-01 11:00,anonymous,10,great',
      '2026-03-01 12:00,bob@acme.com,,',
      '2026-03-01 13:00,cho@acme.com,3,"no, ""never"""',
    ].join('\n');
    const responses: SurveyResponse[] = [];
    const summary = await importCsv(csv, { onBatch: (batch) => void responses.push(...batch.responses) });
    expect(summary.errors).toEqual([]);
    expect(summary.detection.headerRowsSkipped).toEqual([{ row: 2, why: 'sub_header' }]);
    expect(summary.skipped).toMatchObject({ noScore: 1, unassigned: 1, unassignedAnonymous: 1 });
    expect(responses.map((r) => [r.score, r.comment])).toEqual([[9, undefined], [3, 'no, "never"']]);
    expect(summary.accounts).toEqual([
      expect.objectContaining({ name: 'acme.com', counts: { n: 2, promoters: 1, passives: 0, detractors: 1 }, nps: 0 }),
    ]);
  });

  it('files of one shape share a signature; another column order does not', () => {
    const a = shapeOf([['Email', 'Score', 'Date'], ['a@x.com', '9', '2026-01-01']]);
    const b = shapeOf([['Email', 'Score', 'Date'], ['b@y.com', '3', '2026-02-01']]);
    const c = shapeOf([['Score', 'Email', 'Date'], ['3', 'b@y.com', '2026-02-01']]);
    expect(a.signature).toBe(b.signature);
    expect(a.signature).not.toBe(c.signature);
  });
});
