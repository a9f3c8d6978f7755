/**
 * Data for the popup and options specs: a few accounts whose figures are known by hand.
 *
 * Acme Corporation: in the trailing 12 months 12 promoters (score 10), in the 12 months before 12
 * detractors (score 2) → NPS +100 over N 12, significantly up. Two open actions and one done.
 * Globex Corporation: 6 responses (9, 9, 9, 7, 7, 3) → +33; the 3 is an older answer of the first
 * respondent, so counting only each respondent's latest gives 5 (9, 9, 9, 7, 7) → +60. Globex Logistics: 5 (10, 10, 10, 10, 0) → +60.
 * Société Lumière SA: 2 responses → withheld.
 */
import { to18 } from '../../../lib/crm/salesforce/ids';

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

export const ACME_SF_15 = '001M000000qfPyS';
export const ACME_SF_18 = to18(ACME_SF_15);
export const ACME_ZENDESK_ORG = '360777';
export const GLOBEX_LOGISTICS_SF_18 = to18('001M000000GlbL2');

const HEADER = 'response_id,account_id,account_name,account_domain,salesforce_account_id,zendesk_organization_id,respondent_email,respondent_role,respondent_title,score,responded_at';

export function popupResponsesCsv(): string {
  const rows = [HEADER];
  for (let i = 0; i < 12; i++) {
    rows.push(`acme-new-${i},A-1,Acme Corporation,acme.com,${ACME_SF_15},${ACME_ZENDESK_ORG},new${i}@acme.com,${i % 2 ? 'Exec' : 'Sponsor'},${i % 3 ? 'CTO' : 'Analyst'},10,${iso(5 + i * 10)}`);
    rows.push(`acme-old-${i},A-1,Acme Corporation,acme.com,${ACME_SF_15},${ACME_ZENDESK_ORG},old${i}@acme.com,User,,2,${iso(400 + i * 10)}`);
  }
  [9, 9, 9, 7, 7, 3].forEach((score, i) => rows.push(`globex-${i},G-1,Globex Corporation,globex.com,,,g${i === 5 ? 0 : i}@globex.com,Buyer,,${score},${iso(20 + i)}`));
  [10, 10, 10, 10, 0].forEach((score, i) => rows.push(`glog-${i},G-2,Globex Logistics,globexlogistics.com,${GLOBEX_LOGISTICS_SF_18},,l${i}@globexlogistics.com,,Director of Ops,${score},${iso(30 + i)}`));
  [10, 8].forEach((score, i) => rows.push(`lum-${i},L-1,Société Lumière SA,lumiere.fr,,,s${i}@lumiere.fr,,,${score},${iso(40 + i)}`));
  return rows.join('\n') + '\n';
}

export function popupActionsCsv(): string {
  const due = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  return [
    'action_id,account_id,account_name,title,status,due_date',
    `act-1,A-1,Acme Corporation,Call the CTO about the outage,open,${due(7)}`,
    `act-2,A-1,Acme Corporation,Send the SSO roadmap,in_progress,${due(14)}`,
    `act-3,A-1,Acme Corporation,Close the billing ticket,done,${due(-3)}`,
  ].join('\n') + '\n';
}
