/**
 * Salesforce Classic record pages (`https://acme.my.salesforce.com/001…`): the name in the page title, and
 * the Account lookup and emails in the record's detail section (label cell, then value cell).
 */
import { cleanText, emailsIn, firstMatch, linkUrl, queryAll, textOf } from '../dom';
import type { AccountHints, RecordRef } from '../types';
import { ACCOUNT_LABELS, CLASSIC_DETAIL, CLASSIC_NAME, COMPANY_LABEL } from './selectors';
import { classicRecordFromPath } from './url';

/** Hints from a Classic page showing `record`. */
export function classicHints(record: RecordRef, doc: Document, base: string): AccountHints {
  const detail = firstMatch(doc, CLASSIC_DETAIL);
  if (!detail) return record.kind === 'account' ? { name: textOf(doc, CLASSIC_NAME) } : {};
  const emails = emailsIn(detail, ['.dataCol']);
  if (record.kind === 'account') return { name: textOf(doc, CLASSIC_NAME), emails };
  for (const label of queryAll(detail, '.labelCol')) {
    const text = cleanText(label.textContent);
    const value = label.nextElementSibling;
    if (!text || !value) continue;
    if (record.kind === 'lead' && text === COMPANY_LABEL) return { name: cleanText(value.textContent), emails };
    if (!ACCOUNT_LABELS.has(text)) continue;
    const link = value.querySelector('a[href]');
    const account = classicRecordFromPath(linkUrl(link, base)?.pathname ?? '');
    if (account?.kind === 'account') return { salesforceAccountId: account.recordId, name: cleanText(link?.textContent), emails };
  }
  return { emails };
}
