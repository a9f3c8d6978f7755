// @vitest-environment happy-dom
import { fixtureDocument } from '../../../tests/fixtures/crm/load';
import { detectWith } from '../detect';
import { salesforce } from '.';

const ACME = '001M000000qfPySIAU';
const GLOBEX = '001M000000GlbXaIAJ';
const base = 'https://acme.lightning.force.com';

function page(body: string, title = ''): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><head><title>${title}</title></head><body class="sfdcBody">${body}</body></html>`, 'text/html');
}

describe('salesforce.hints', () => {
  it('names an Account from the tab title when the highlights panel has not rendered', () => {
    const doc = page('<div class="windowViewMode-normal active"><one-record-home-flexipage2></one-record-home-flexipage2></div>', 'Acme Corp | Account | Salesforce');
    expect(salesforce.hints(new URL(`${base}/lightning/r/Account/${ACME}/view`), doc)).toEqual({ salesforceAccountId: ACME, name: 'Acme Corp' });
  });

  it('keeps the URL hints and reads nothing from the DOM when no tab is visibly active', () => {
    const doc = fixtureDocument('salesforce/contact-standard.html');
    for (const tab of doc.querySelectorAll('.active')) tab.classList.remove('active');
    expect(salesforce.hints(new URL(`${base}/lightning/r/Contact/003M000000JnDoeIAF/view`), doc)).toEqual({ salesforceRecordId: '003M000000JnDoeIAF' });
  });

  it('prefers the console workspace Account over a lookup to another Account, and drops that lookup name', () => {
    const doc = fixtureDocument('salesforce/contact-console.html');
    const url = new URL(`${base}/lightning/r/Contact/003M000000JnDoeIAF/view?ws=%2Flightning%2Fr%2FAccount%2F${GLOBEX}%2Fview`);
    expect(salesforce.hints(url, doc)).toEqual({ salesforceRecordId: '003M000000JnDoeIAF', salesforceAccountId: GLOBEX, emails: ['jane.doe@acme.example'] });
  });

  it('finds the Account lookup under a translated label when it is the only Account the record links to', () => {
    const doc = page(`<div class="windowViewMode-normal active"><records-record-layout-item>
      <span class="test-id__field-label">Firmenname</span>
      <span class="test-id__field-value"><a href="/lightning/r/Account/${ACME}/view">Acme Corp</a></span></records-record-layout-item></div>`);
    expect(salesforce.hints(new URL(`${base}/lightning/r/Contact/003M000000JnDoeIAF/view`), doc)).toMatchObject({ salesforceAccountId: ACME, name: 'Acme Corp' });
  });

  it('takes no Account when unlabelled links point at two different Accounts', () => {
    const field = (id: string) => `<records-record-layout-item><span class="test-id__field-value"><a href="/lightning/r/${id}/view">x</a></span></records-record-layout-item>`;
    const doc = page(`<div class="windowViewMode-normal active">${field(ACME)}${field(GLOBEX)}</div>`);
    expect(salesforce.hints(new URL(`${base}/lightning/r/Opportunity/006M000000OpBigIAF/view`), doc)).toEqual({ salesforceRecordId: '006M000000OpBigIAF' });
  });

  it('reads the record name inside an open shadow root (native shadow DOM)', () => {
    const doc = page('<div class="windowViewMode-normal active"><one-record-home-flexipage2></one-record-home-flexipage2></div>');
    const host = doc.querySelector('one-record-home-flexipage2')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<records-highlights2><h1><lightning-formatted-text slot="primaryField">Acme Corp</lightning-formatted-text></h1></records-highlights2>';
    expect(salesforce.hints(new URL(`${base}/lightning/r/Account/${ACME}/view`), doc).name).toBe('Acme Corp');
  });

  it('offers nothing on a list view', () => {
    expect(salesforce.hints(new URL(`${base}/lightning/o/Account/list`), fixtureDocument('salesforce/account-standard.html'))).toEqual({});
  });
});

describe('salesforce.panelAnchor', () => {
  it('is the record page root of the visible tab, never of a hidden one', () => {
    const doc = fixtureDocument('salesforce/account-console.html');
    const anchor = salesforce.panelAnchor?.(doc);
    expect(anchor?.tagName.toLowerCase()).toBe('one-record-home-flexipage2');
    expect(anchor?.textContent).toContain('Acme Corp');
    expect(anchor?.textContent).not.toContain('Globex');
  });
});

describe('Salesforce Classic', () => {
  it('reads a Lead’s company and no Account from its detail section', () => {
    const doc = page(
      '<div class="bPageTitle"><h2 class="pageDescription">Pat Lee</h2></div><div class="bDetailBlock"><table class="detailList"><tr><td class="labelCol">Company</td><td class="dataCol">Initech LLC</td></tr></table></div>',
    );
    expect(salesforce.hints(new URL('https://acme.my.salesforce.com/00QM000000LdNew'), doc)).toEqual({ salesforceRecordId: '00QM000000LdNewMAF', name: 'Initech LLC' });
  });

  it('takes no Account from a lookup that is not labelled Account (Parent Account, Reports To)', () => {
    const doc = page(
      '<div class="bDetailBlock"><table class="detailList"><tr><td class="labelCol">Parent Account</td><td class="dataCol"><a href="/001M000000GlbXa">Globex</a></td></tr></table></div>',
    );
    expect(salesforce.hints(new URL('https://acme.my.salesforce.com/006M000000OpBig'), doc)).toEqual({ salesforceRecordId: '006M000000OpBigIAF' });
  });

  it('keeps the URL hints when the page has no detail section (still loading)', () => {
    expect(salesforce.hints(new URL(`https://acme.my.salesforce.com/${ACME}`), page(''))).toEqual({ salesforceAccountId: ACME });
  });

  it('puts the panel beside the Classic page body', () => {
    const doc = fixtureDocument('salesforce/classic-account.html');
    expect(salesforce.panelAnchor!(doc)?.id).toBe('bodyCell');
  });

  it('reads a retired instance host only where the user added it as a site (the path alone)', () => {
    const url = new URL('https://na123.salesforce.com/001M000000qfPyS');
    const doc = fixtureDocument('salesforce/classic-account.html');
    expect(detectWith(salesforce, url, doc)).toBeNull();
    expect(detectWith(salesforce, url, doc, { anyHost: true })).toMatchObject({ kind: 'account', hints: { salesforceAccountId: ACME, name: 'Acme Corp' } });
  });
});
