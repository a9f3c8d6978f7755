import { describe, expect, it } from 'vitest';
import { analyseHeaders, detectKind, normaliseHeader } from './headers';

describe('normaliseHeader', () => {
  it('ignores case, spaces, dashes, underscores, accents and a BOM', () => {
    for (const header of ['responded_at', 'Responded At', '\uFEFFRESPONDED-AT', ' respondedAt ']) {
      expect(normaliseHeader(header)).toBe('respondedat');
    }
    expect(normaliseHeader('Société')).toBe('societe');
    expect(normaliseHeader('#')).toBe('#');
  });
});

describe('detectKind', () => {
  it.each([
    [['account_id', 'score', 'responded_at'], 'responses'],
    [['Company', 'How likely are you to recommend Acme to a friend?', 'Date'], 'responses'],
    [['Email', 'NPS', 'Created At'], 'responses'],
    [['account_name', 'title', 'status'], 'actions'],
    [['Account', 'Task', 'Due Date'], 'actions'],
    [['account_id', 'respondent_email', 'sent_at'], 'sends'],
    [['Company', 'Recipient', 'Date Sent'], 'sends'],
    [['foo', 'bar'], null],
  ] as const)('%j → %s', (headers, kind) => {
    expect(detectKind(headers)).toBe(kind);
  });
});

describe('analyseHeaders', () => {
  it('maps the contract columns exactly', () => {
    const headers = ['response_id', 'account_id', 'account_name', 'account_domain', 'salesforce_account_id', 'zendesk_organization_id',
      'hubspot_company_id', 'respondent_email', 'respondent_name', 'respondent_role', 'respondent_title', 'score', 'comment',
      'responded_at', 'channel', 'survey', 'tags', 'excluded'];
    const analysis = analyseHeaders(headers, 'responses');
    expect(analysis.unknownHeaders).toEqual([]);
    expect(analysis.missing).toEqual([]);
    headers.forEach((header, column) => expect(analysis.columns[header as keyof typeof analysis.columns]).toBe(column));
  });

  it('understands a Delighted-style export and lists what it ignores', () => {
    const analysis = analyseHeaders(['Response ID', 'Email', 'Name', 'Score', 'Comment', 'Response Timestamp', 'Company', 'Job Title', 'Notes'], 'responses');
    expect(analysis.mapping).toMatchObject({
      response_id: 'Response ID', respondent_email: 'Email', respondent_name: 'Name', score: 'Score', comment: 'Comment',
      responded_at: 'Response Timestamp', account_name: 'Company', respondent_title: 'Job Title',
    });
    expect(analysis.unknownHeaders).toEqual(['Notes']);
  });

  it('prefers the better alias when two columns claim a field', () => {
    const analysis = analyseHeaders(['Start Date', 'Date', 'End Date', 'Organization', 'Score', 'Why did you give this score?'], 'responses');
    expect(analysis.mapping.responded_at).toBe('End Date');
    expect(analysis.mapping.comment).toBe('Why did you give this score?');
    expect(analysis.unknownHeaders).toEqual(['Start Date', 'Date']);
  });

  it('reports missing required columns, including the account', () => {
    expect(analyseHeaders(['Name', 'Rating'], 'responses').missing).toEqual(['responded_at', 'account_id or account_name']);
    // With respondents' emails and no account column, the email domains name the accounts.
    const byEmail = analyseHeaders(['Email', 'Rating'], 'responses');
    expect(byEmail.missing).toEqual(['responded_at']);
    expect(byEmail.accountFrom).toBe('email_domain');
    expect(analyseHeaders(['Account ID', 'Sent'], 'sends').missing).toEqual([]);
  });

  it('applies an override by header or by column, moving the column off its automatic field', () => {
    const analysis = analyseHeaders(['Client', 'Value', 'Date', 'Note'], 'responses', { score: 'value', comment: 3, account_name: null, account_id: 'Client' });
    expect(analysis.mapping).toMatchObject({ account_id: 'Client', score: 'Value', responded_at: 'Date', comment: 'Note' });
    expect(analysis.mapping.account_name).toBeUndefined();
    expect(analysis.missing).toEqual([]);
  });

  it('strips a BOM from the first header', () => {
    expect(analyseHeaders(['\uFEFFscore', 'date', 'account'], 'responses').headers[0]).toBe('score');
  });
});
