/**
 * Seeded sample data: accounts with CRM ids, respondents in every role, two years of quarterly survey
 * waves (sends and the responses they got), comments in several tones, and follow-up actions. The same
 * seed and `now` give the same files, byte for byte.
 */
import { normaliseAccountName } from '../model/names';
import { to18 } from '../crm/salesforce/ids';
import { createRandom, type Random } from './prng';
import {
  ACTION_TITLES, COMPANY_INDUSTRIES, COMPANY_STEMS, COMPLAINTS, FEATURES, FIRST_NAMES, HOSTILE, LAST_NAMES,
  LEGAL_SUFFIXES, MULTILINE, NEUTRAL, OWNERS, PRAISE, REVIEW_SITES, ROLE_SYNONYMS, SURVEY_CHANNELS, TITLES, TLDS,
  type SampleRole,
} from './words';

export type { SampleRole } from './words';

/** How an account's answers lean: `split` has unhappy executives and happy users. */
export type Tendency = 'promoters' | 'struggling' | 'split' | 'steady' | 'improving' | 'declining';
const TENDENCIES: Tendency[] = ['promoters', 'promoters', 'steady', 'steady', 'struggling', 'split', 'improving', 'declining'];

export interface SampleAccount {
  id: string;
  name: string;
  domains: string[];
  /** 18-character Account ids (the CSV writes some rows with the 15-character form). */
  salesforceIds: string[];
  zendeskOrganizationIds: string[];
  hubspotCompanyIds: string[];
  tendency: Tendency;
  /** Chance that a sent survey is answered. */
  responseRate: number;
  /** How many people at the account are surveyed. */
  respondents: number;
}

function demoAccount(
  id: string, name: string, domain: string, salesforceId15: string, zendesk: string, hubspot: string,
  tendency: Tendency, respondents: number,
): SampleAccount {
  const freeze = (values: string[]) => Object.freeze(values) as string[];
  return Object.freeze({
    id, name, domains: freeze([domain]), salesforceIds: freeze([to18(salesforceId15)]),
    zendeskOrganizationIds: freeze([zendesk]), hubspotCompanyIds: freeze([hubspot]), tendency, responseRate: 0.5, respondents,
  });
}

/**
 * Well-known accounts, always the first of every sample, with fixed ids so demo pages and end-to-end
 * tests can link to them. Their NPS depends on the seed and `now`: compute it from the generated data.
 */
export const DEMO_ACCOUNTS: readonly SampleAccount[] = Object.freeze([
  demoAccount('acc-acme', 'Acme Corporation', 'acme.com', '001Dn00000AcmeC', '360001', '7001', 'split', 30),
  demoAccount('acc-globex', 'Globex Corporation', 'globex.com', '001Dn00000GlobX', '360002', '7002', 'struggling', 24),
  demoAccount('acc-initech', 'Initech GmbH', 'initech.de', '001Dn00000InitT', '360003', '7003', 'promoters', 12),
]);

/** A near-duplicate of Globex Corporation that must never be matched to it. */
const GLOBEX_LOGISTICS = demoAccount('acc-globex-logistics', 'Globex Logistics', 'globexlogistics.com', '001Dn00000GlobL', '360004', '7004', 'steady', 10);

export interface SampleOptions {
  seed: number;
  /** Number of accounts, the demo accounts included; default 300. */
  accounts?: number;
  /** The end of the sampled period (epoch ms). */
  now: number;
  /** Length of the sampled period; default 2. */
  years?: number;
}

export interface Sample {
  accounts: SampleAccount[];
  responsesCsv: string;
  actionsCsv: string;
  sendsCsv: string;
}

export const DAY = 86_400_000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const RESPONSE_COLUMNS = [
  'response_id', 'account_id', 'account_name', 'account_domain', 'salesforce_account_id', 'zendesk_organization_id',
  'hubspot_company_id', 'respondent_email', 'respondent_name', 'respondent_role', 'respondent_title', 'score', 'comment',
  'responded_at', 'channel', 'survey', 'tags', 'excluded',
] as const;
export const ACTION_COLUMNS = ['action_id', 'account_id', 'account_name', 'title', 'status', 'owner', 'due_date', 'created_at', 'response_id'] as const;
export const SEND_COLUMNS = ['account_id', 'account_name', 'respondent_email', 'respondent_role', 'sent_at', 'channel', 'survey'] as const;

/** One CSV line (RFC 4180 quoting). Formula-like text is written as is: the sample tests safe display. */
export function csvLine(fields: ReadonlyArray<string | number>): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const value = String(fields[i]);
    if (i > 0) line += ',';
    line += /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }
  return `${line}\r\n`;
}

function slug(text: string): string {
  return normaliseAccountName(text).replace(/[^a-z0-9]/g, '');
}

function asciiName(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ø/g, 'o').replace(/[^a-z]/g, '');
}

export function createAccounts(random: Random, count: number): SampleAccount[] {
  const fixed = [...DEMO_ACCOUNTS, GLOBEX_LOGISTICS].slice(0, Math.max(0, count));
  const accounts: SampleAccount[] = fixed.map((account) => ({
    ...account,
    domains: [...account.domains],
    salesforceIds: [...account.salesforceIds],
    zendeskOrganizationIds: [...account.zendeskOrganizationIds],
    hubspotCompanyIds: [...account.hubspotCompanyIds],
  }));
  const names = new Set(accounts.map((account) => normaliseAccountName(account.name)));
  const domains = new Set(accounts.flatMap((account) => account.domains));
  const salesforceIds = new Set(accounts.flatMap((account) => account.salesforceIds));
  while (accounts.length < count) {
    const n = accounts.length + 1;
    let name = '';
    for (let attempt = 0; attempt < 30 && (name === '' || names.has(normaliseAccountName(name))); attempt++) {
      const base = random.chance(0.8) ? `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_INDUSTRIES)}` : random.pick(COMPANY_STEMS);
      const suffix = random.pick(LEGAL_SUFFIXES);
      name = suffix ? `${base}${suffix === 'Corporation' || random.chance(0.7) ? ' ' : ', '}${suffix}` : base;
      if (attempt >= 20) name = `${base} ${n}`;
    }
    names.add(normaliseAccountName(name));
    let domain = `${slug(name)}.${random.pick(TLDS)}`;
    while (domains.has(domain)) domain = `${slug(name)}${random.int(2, 99)}.${random.pick(TLDS)}`;
    domains.add(domain);
    let salesforceId = '';
    while (salesforceId === '' || salesforceIds.has(salesforceId)) {
      let tail = '';
      for (let i = 0; i < 5; i++) tail += random.pick([...ALPHANUMERIC]);
      salesforceId = to18(`001Dn00000${tail}`);
    }
    salesforceIds.add(salesforceId);
    const id = `acc-${String(n).padStart(5, '0')}`;
    accounts.push({
      id,
      name,
      domains: random.chance(0.1) ? [domain, `${slug(name)}.io`] : [domain],
      salesforceIds: random.chance(0.9) ? [salesforceId] : [],
      zendeskOrganizationIds: random.chance(0.7) ? [String(360000100000 + n * 7)] : [],
      hubspotCompanyIds: random.chance(0.4) ? [String(5100000000 + n * 13)] : [],
      tendency: random.pick(TENDENCIES),
      responseRate: 0.15 + random.next() * 0.45,
      respondents: random.int(3, 40),
    });
  }
  return accounts;
}

export interface Respondent {
  firstName: string;
  name: string;
  email: string;
  role: SampleRole;
  /** `respondent_role` as the data has it (a synonym), if any. */
  roleText: string;
  title: string;
  /** A personal lean added to the account's mean. */
  lean: number;
}

const ROLE_WEIGHTS: Array<[SampleRole, number]> = [['executive', 0.12], ['decision_maker', 0.18], ['influencer', 0.25], ['end_user', 0.45]];

function pickRole(random: Random): SampleRole {
  let r = random.next();
  for (const [role, weight] of ROLE_WEIGHTS) {
    if (r < weight) return role;
    r -= weight;
  }
  return 'end_user';
}

export function createRespondents(random: Random, account: SampleAccount): Respondent[] {
  const respondents: Respondent[] = [];
  const emails = new Set<string>();
  const domain = account.domains[0] ?? 'example.com';
  for (let i = 0; i < account.respondents; i++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    let email = `${asciiName(firstName)}.${asciiName(lastName)}@${domain}`;
    for (let k = 2; emails.has(email); k++) email = `${asciiName(firstName)}.${asciiName(lastName)}${k}@${domain}`;
    emails.add(email);
    // The first three cover the roles a demo needs; the rest are drawn.
    const role = i < 3 ? (['executive', 'influencer', 'end_user'] as const)[i] ?? 'end_user' : pickRole(random);
    const form = random.next();
    respondents.push({
      firstName,
      name: `${firstName} ${lastName}`,
      email,
      role,
      roleText: form < 0.4 || (form >= 0.75 && form < 0.85) ? random.pick(ROLE_SYNONYMS[role]) : '',
      title: form >= 0.4 && form < 0.85 ? random.pick(TITLES[role]) : '',
      lean: random.normal() * 0.8,
    });
  }
  return respondents;
}

/** Mean score of a respondent in the role at `progress` (0 = start of the period, 1 = now). */
function meanScore(tendency: Tendency, role: SampleRole, progress: number): number {
  switch (tendency) {
    case 'promoters':
      return 9.2;
    case 'struggling':
      return 5;
    case 'steady':
      return 7.8;
    case 'split':
      return role === 'executive' || role === 'decision_maker' ? 4 : role === 'influencer' ? 7.5 : 9.3;
    case 'improving':
      return 5 + 4 * progress;
    case 'declining':
      return 9 - 4 * progress;
  }
}

export function drawScore(random: Random, account: SampleAccount, respondent: Respondent, progress: number): number {
  const raw = meanScore(account.tendency, respondent.role, progress) + respondent.lean + random.normal() * 1.5;
  return Math.max(0, Math.min(10, Math.round(raw)));
}

function fill(template: string, random: Random, name = ''): string {
  const text = template.replace(/\{feature\}/g, () => random.pick(FEATURES)).replace(/\{name\}/g, name);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function drawComment(random: Random, score: number): string {
  if (random.chance(0.005)) return random.pick(HOSTILE);
  if (!random.chance(score <= 6 ? 0.75 : score <= 8 ? 0.5 : 0.55)) return '';
  if (random.chance(0.05)) return fill(random.pick(MULTILINE), random);
  return fill(random.pick(score <= 6 ? COMPLAINTS : score <= 8 ? NEUTRAL : PRAISE), random);
}

function isoSeconds(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** Mostly ISO 8601; some `YYYY-MM-DD HH:MM:SS` and Unix seconds, as exports mix them. */
function formatInstant(random: Random, instant: number): string {
  const form = random.next();
  if (form < 0.8) return isoSeconds(instant);
  if (form < 0.95) return new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
  return String(Math.floor(instant / 1000));
}

function salesforceCell(random: Random, account: SampleAccount): string {
  const id = account.salesforceIds[0];
  if (!id) return '';
  return random.chance(0.5) ? id.slice(0, 15) : id;
}

function domainCell(random: Random, account: SampleAccount): string {
  const form = random.next();
  const first = account.domains[0] ?? '';
  if (form < 0.05) return `https://www.${first}/`;
  if (form < 0.1) return first.toUpperCase();
  return account.domains.join('; ');
}

const TAGS = ['enterprise', 'smb', 'renewal-2026', 'beta', 'emea', 'apac'];

export function responseRow(
  random: Random, account: SampleAccount, respondent: Respondent, id: string, score: number, respondedAt: number,
  channel: string, survey: string,
): string {
  const tags = random.chance(0.2) ? [...new Set([random.pick(TAGS), random.pick(TAGS)])].join('; ') : '';
  const excluded = random.chance(0.01) ? random.pick(['true', 'yes', '1']) : random.chance(0.5) ? '' : 'false';
  return csvLine([
    id, account.id, account.name, domainCell(random, account), salesforceCell(random, account),
    account.zendeskOrganizationIds[0] ?? '', account.hubspotCompanyIds[0] ?? '', respondent.email, respondent.name,
    respondent.roleText, respondent.title, score, drawComment(random, score), formatInstant(random, respondedAt),
    channel, survey, tags, excluded,
  ]);
}

export function surveyName(instant: number): string {
  const date = new Date(instant);
  return `Relationship NPS ${date.getUTCFullYear()} Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function generateSample(options: SampleOptions): Sample {
  const random = createRandom(options.seed);
  const years = options.years ?? 2;
  const { now } = options;
  const start = now - years * 365 * DAY;
  const accounts = createAccounts(random, options.accounts ?? 300);
  let responses = csvLine(RESPONSE_COLUMNS);
  let actions = csvLine(ACTION_COLUMNS);
  let sends = csvLine(SEND_COLUMNS);
  let responseCount = 0;
  let actionCount = 0;
  const waves = Math.max(1, Math.round(years * 4));
  for (const account of accounts) {
    const respondents = createRespondents(random, account);
    for (let wave = 0; wave < waves; wave++) {
      const waveStart = start + wave * (years * 365 * DAY) / waves + random.int(0, 5) * DAY;
      const survey = surveyName(waveStart);
      for (const respondent of respondents) {
        if (random.chance(0.01)) {
          const reviewedAt = waveStart + random.int(0, 60 * DAY);
          if (reviewedAt <= now) {
            const score = drawScore(random, account, respondent, (reviewedAt - start) / (now - start));
            responseCount++;
            responses += responseRow(random, account, respondent, `resp-${options.seed}-${responseCount}`, score, reviewedAt, random.pick(REVIEW_SITES), '');
          }
        }
        if (!random.chance(0.8)) continue;
        const sentAt = waveStart + random.int(0, 3 * DAY);
        if (sentAt > now) continue;
        const channel = random.pick(SURVEY_CHANNELS);
        sends += csvLine([account.id, account.name, respondent.email, respondent.roleText, isoSeconds(sentAt), channel, survey]);
        if (!random.chance(account.responseRate)) continue;
        const respondedAt = sentAt + Math.floor(random.next() ** 3 * 10 * DAY) + 60_000;
        if (respondedAt > now) continue;
        const score = drawScore(random, account, respondent, (respondedAt - start) / (now - start));
        responseCount++;
        const id = random.chance(0.9) ? `resp-${options.seed}-${responseCount}` : '';
        responses += responseRow(random, account, respondent, id, score, respondedAt, channel, survey);
        if (score <= 6 && id !== '' && random.chance(0.45)) {
          const createdAt = respondedAt + random.int(1, 14 * DAY);
          if (createdAt > now) continue;
          const due = createdAt + random.int(7, 30) * DAY;
          const status = due < now - 30 * DAY
            ? random.pick(['done', 'done', 'done', 'done', 'done', 'done', 'Closed', 'in progress', 'open'])
            : random.pick(['open', 'Open', 'in_progress', 'In Progress', 'done', 'completed']);
          actionCount++;
          actions += csvLine([
            `act-${options.seed}-${actionCount}`, account.id, account.name, fill(random.pick(ACTION_TITLES), random, respondent.firstName),
            status, random.pick(OWNERS), new Date(due).toISOString().slice(0, 10), isoSeconds(createdAt), id,
          ]);
        }
      }
    }
  }
  return { accounts, responsesCsv: responses, actionsCsv: actions, sendsCsv: sends };
}
