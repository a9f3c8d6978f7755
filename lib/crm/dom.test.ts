// @vitest-environment happy-dom
import { cleanText, compactHints, emailDomain, emailsIn, firstMatch, queryEach, visibleScope, withDomHints } from './dom';

function body(html: string): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
}

describe('firstMatch', () => {
  it('tries selectors in order and survives a selector the browser rejects', () => {
    const doc = body('<p class="old">old</p><p class="new">new</p>');
    expect(firstMatch(doc, ['::not-a-selector(', '.new', '.old'])?.textContent).toBe('new');
    expect(firstMatch(doc, ['.missing'])).toBeNull();
  });

  it('looks into open shadow roots when the light DOM has no match', () => {
    const doc = body('<x-host></x-host>');
    doc.querySelector('x-host')!.attachShadow({ mode: 'open' }).innerHTML = '<span class="name">Acme</span>';
    expect(firstMatch(doc, ['.name'])?.textContent).toBe('Acme');
  });
});

describe('queryEach', () => {
  it('returns each element once, even when several selectors match it', () => {
    const doc = body('<div class="a b"></div>');
    expect(queryEach(doc, ['.a', '.b', '???'])).toHaveLength(1);
  });
});

describe('visibleScope', () => {
  it('takes the innermost of nested matches', () => {
    const doc = body('<div class="tab active" id="outer"><div class="tab active" id="inner"></div></div>');
    expect(visibleScope(doc, ['.tab.active'])?.id).toBe('inner');
  });

  it('skips a selector whose matches cannot tell which tab is visible', () => {
    const doc = body('<div class="tab" id="one"></div><div class="tab" id="two"></div><div class="shown" id="three"></div>');
    expect(visibleScope(doc, ['.tab', '.shown'])?.id).toBe('three');
    expect(visibleScope(doc, ['.tab'])).toBeNull();
  });
});

describe('text and emails', () => {
  it('collapses whitespace, including non-breaking and zero-width spaces', () => {
    expect(cleanText('  Acme\u00a0 Corp\u200b\n')).toBe('Acme Corp');
    expect(cleanText(' \n ')).toBeUndefined();
    expect(cleanText(null)).toBeUndefined();
  });

  it('finds the domain of an email address', () => {
    expect(emailDomain('Jane.Doe@Acme.Example')).toBe('acme.example');
    expect(emailDomain('Jane Doe <jane@sub.acme.co.uk>')).toBe('sub.acme.co.uk');
    expect(emailDomain('not an email')).toBeUndefined();
  });

  it('reads addresses from text, mailto links and title attributes', () => {
    const doc = body('<div class="f"><a href="mailto:a@acme.example">Write</a> b@acme.example <span title="c@acme.example">C</span></div>');
    expect(emailsIn(doc, ['.f']).sort()).toEqual(['a@acme.example', 'b@acme.example', 'c@acme.example']);
  });
});

describe('compactHints and withDomHints', () => {
  it('drops empty members, de-duplicates and lower-cases lists, caps them at 20', () => {
    const emails = Array.from({ length: 30 }, (_, i) => `P${i}@Acme.example`);
    const hints = compactHints({ name: '  Acme  Corp ', emails: [...emails, 'p0@acme.example'], domains: [], zendeskUserId: '' });
    expect(hints).toEqual({ name: 'Acme Corp', emails: emails.slice(0, 20).map((e) => e.toLowerCase()) });
  });

  it('keeps the URL hints when the DOM read throws, and lets them win over DOM hints', () => {
    expect(withDomHints({ zendeskTicketId: '1' }, () => { throw new Error('markup changed'); })).toEqual({ zendeskTicketId: '1' });
    expect(withDomHints({ zendeskTicketId: '1' }, () => ({ zendeskTicketId: '2', name: 'Acme' }))).toEqual({ zendeskTicketId: '1', name: 'Acme' });
  });
});
