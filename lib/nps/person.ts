/**
 * The person in front of you: on a ticket its requester, on a contact or lead page that contact. Their own
 * answers come first in the panel, matched within the page's account only (the records passed in are one
 * account's): by exact email (case and spaces aside) first, and by name only when the page gives no email.
 * When they were last surveyed and how many surveys they were sent come from the account's sends.
 */
import type { AccountRecords, SurveyResponse } from '../model';
import type { PageContextInput } from '../model/page';

/** Page kinds that show one person: their email (and name) in the hints are that person's. */
const PERSON_KINDS = new Set(['ticket', 'contact', 'lead', 'user']);

export interface PagePerson {
  /** Lower-cased, trimmed. */
  email: string | null;
  name: string | null;
}

export interface PersonAnswers {
  person: PagePerson;
  matchedBy: 'email' | 'name' | null;
  /** Their responses in this account, newest first (excluded ones included: they did answer). */
  answers: SurveyResponse[];
  /** The newest survey sent to them or answered by them. */
  lastSurveyedAt: number | null;
  /** Surveys sent to them (by email), all time. */
  surveysSent: number;
}

const normalEmail = (email: string | undefined | null) => email?.trim().toLowerCase() || null;
const normalName = (name: string | undefined | null) => name?.trim().replace(/\s+/g, ' ').toLocaleLowerCase() || null;

/** The person a page shows, or null for a page about a company (or one with nothing to go on). */
export function personOnPage(page: Pick<PageContextInput, 'kind' | 'hints'> | null): PagePerson | null {
  if (!page || !PERSON_KINDS.has(page.kind)) return null;
  const email = normalEmail(page.hints.emails?.[0]);
  return email ? { email, name: null } : null;
}

/** That person's answers in the account whose records these are, and when they were last surveyed. */
export function personAnswers(records: AccountRecords, person: PagePerson, now: number): PersonAnswers {
  const byNewest = (a: SurveyResponse, b: SurveyResponse) => b.respondedAt - a.respondedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const mine = (r: SurveyResponse) => r.accountId === records.account.id && r.respondedAt <= now;
  let matchedBy: PersonAnswers['matchedBy'] = null;
  let answers: SurveyResponse[] = [];
  if (person.email) {
    answers = records.responses.filter((r) => mine(r) && normalEmail(r.respondentEmail) === person.email);
    if (answers.length > 0) matchedBy = 'email';
  }
  const name = normalName(person.name);
  if (answers.length === 0 && name) {
    // A name is weaker than an email: only responses that carry no other email than the person's.
    answers = records.responses.filter(
      (r) => mine(r) && normalName(r.respondentName) === name && (!r.respondentEmail || !person.email || normalEmail(r.respondentEmail) === person.email),
    );
    if (answers.length > 0) matchedBy = 'name';
  }
  answers.sort(byNewest);
  const sends = person.email ? records.sends.filter((s) => s.accountId === records.account.id && s.sentAt <= now && normalEmail(s.respondentEmail) === person.email) : [];
  const times = [...answers.map((r) => r.respondedAt), ...sends.map((s) => s.sentAt)];
  return {
    person,
    matchedBy,
    answers,
    lastSurveyedAt: times.length > 0 ? Math.max(...times) : null,
    surveysSent: sends.length,
  };
}
