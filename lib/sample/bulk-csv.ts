/**
 * Sample files too big to hold as one string, written in chunks for the import and popup benchmarks and
 * the large-file tests: a responses CSV of any number of rows, and the same answers as a Qualtrics
 * export. Accounts, respondents, scores and comments are drawn as in `generate.ts`.
 */
import { createRandom, type Random } from './prng';
import { SURVEY_CHANNELS } from './words';
import {
  DAY, RESPONSE_COLUMNS, createAccounts, createRespondents, csvLine, drawComment, drawScore, responseRow, surveyName,
  type Respondent, type SampleAccount,
} from './generate';

export interface ChunkOptions {
  seed: number;
  rows: number;
  accounts?: number;
  now: number;
  /** Rows per yielded string; default 5000. */
  rowsPerChunk?: number;
  /**
   * Gives the first account (Acme Corporation, `acc-acme`) exactly this many of the rows, spread evenly
   * through the file, and the other accounts the rest: one big account among many small ones.
   */
  focusRows?: number;
}

/** One drawn answer: its number in the file (from 1), account, respondent, score and time. */
interface DrawnAnswer {
  n: number;
  account: SampleAccount;
  respondent: Respondent;
  score: number;
  respondedAt: number;
}

/**
 * The answers of a large file, spread over two years across `options.accounts` sample accounts;
 * `accountOf` picks each answer's account (by default any, evenly). The caller formats each answer
 * before asking for the next, drawing from the same `random`, so a seed always gives the same file.
 */
function* drawnAnswers(options: ChunkOptions, random: Random, accountOf?: (n: number, accounts: number) => number): Generator<DrawnAnswer> {
  const accounts = createAccounts(random, options.accounts ?? 300);
  const people = accounts.map((account) => createRespondents(random, account));
  const span = 2 * 365 * DAY;
  for (let n = 1; n <= options.rows; n++) {
    const index = accountOf ? accountOf(n, accounts.length) : random.int(0, accounts.length - 1);
    const account = accounts[index] as SampleAccount;
    const respondent = random.pick(people[index] as Respondent[]);
    const progress = random.next();
    const respondedAt = options.now - span + Math.floor(progress * span);
    yield { n, account, respondent, score: drawScore(random, account, respondent, progress), respondedAt };
  }
}

/** The header, then the lines joined `rowsPerChunk` (default 5000) to a string. */
function* inChunks(header: string, lines: Iterable<string>, options: ChunkOptions): Generator<string> {
  const perChunk = Math.max(1, options.rowsPerChunk ?? 5000);
  yield header;
  let chunk = '';
  let inChunk = 0;
  for (const line of lines) {
    chunk += line;
    if (++inChunk === perChunk) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * A responses CSV of exactly `rows` data rows, as string chunks (the header first), for files too big
 * to hold as one string: responses spread over two years across the sample accounts.
 */
export function responsesCsvChunks(options: ChunkOptions): Generator<string> {
  const random = createRandom(options.seed);
  const focus = Math.min(options.rows, Math.max(0, options.focusRows ?? 0));
  // Row n is the focus account's when it takes the running share of focus rows one further.
  const focused = (n: number, accounts: number) =>
    Math.floor((n * focus) / options.rows) !== Math.floor(((n - 1) * focus) / options.rows) ? 0 : random.int(1, Math.max(1, accounts - 1));
  function* lines() {
    for (const { n, account, respondent, score, respondedAt } of drawnAnswers(options, random, focus > 0 ? focused : undefined)) {
      yield responseRow(random, account, respondent, `bulk-${options.seed}-${n}`, score, respondedAt, random.pick(SURVEY_CHANNELS), surveyName(respondedAt));
    }
  }
  return inChunks(csvLine(RESPONSE_COLUMNS), lines(), options);
}

/** Qualtrics' three header rows (column ids, question text, `{"ImportId"}` metadata with the time zone). */
const QUALTRICS_IDS = [
  'StartDate', 'EndDate', 'Status', 'IPAddress', 'Progress', 'Duration (in seconds)', 'Finished', 'RecordedDate', 'ResponseId',
  'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude', 'LocationLongitude',
  'DistributionChannel', 'UserLanguage', 'Q1', 'Q1_NPS_GROUP', 'Q2',
];
const QUALTRICS_TEXT = [
  'Start Date', 'End Date', 'Response Type', 'IP Address', 'Progress', 'Duration (in seconds)', 'Finished', 'Recorded Date', 'Response ID',
  'Recipient Last Name', 'Recipient First Name', 'Recipient Email', 'External Data Reference', 'Location Latitude', 'Location Longitude',
  'Distribution Channel', 'User Language', 'How likely are you to recommend us to a friend or colleague?',
  'How likely are you to recommend us to a friend or colleague? - Group', 'What is the primary reason for your score?',
];
const QUALTRICS_IMPORT_IDS = [
  'startDate', 'endDate', 'status', 'ipAddress', 'progress', 'duration', 'finished', 'recordedDate', '_recordId', 'recipientLastName',
  'recipientFirstName', 'recipientEmail', 'externalDataReference', 'locationLatitude', 'locationLongitude', 'distributionChannel',
  'userLanguage', 'QID1', 'QID1_NPS_GROUP', 'QID2_TEXT',
];

/**
 * The same kind of answers as `responsesCsvChunks`, laid out as a Qualtrics export: three header rows, no
 * account column (accounts come from the respondents' email domains), the score only as `Q1`, dates in
 * the file's time zone. For the import benchmark of survey exports.
 */
export function qualtricsCsvChunks(options: ChunkOptions): Generator<string> {
  const random = createRandom(options.seed);
  const meta = QUALTRICS_IMPORT_IDS.map((id) => JSON.stringify({ ImportId: id, ...(/date/i.test(id) ? { timeZone: 'America/Denver' } : {}) }));
  function* lines() {
    for (const { n, respondent, score, respondedAt } of drawnAnswers(options, random)) {
      const local = new Date(respondedAt - 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      const [first = '', ...rest] = respondent.name.split(' ');
      yield csvLine([
        local, local, 0, '203.0.113.7', 100, 60 + (n % 300), 1, local, `R_${options.seed}x${n}`, rest.join(' '), first, respondent.email, '', '', '',
        'email', 'EN', score, score >= 9 ? 3 : score >= 7 ? 2 : 1, drawComment(random, score),
      ]);
    }
  }
  return inChunks(csvLine(QUALTRICS_IDS) + csvLine(QUALTRICS_TEXT) + csvLine(meta), lines(), options);
}

/** The accounts `responsesCsvChunks` writes for the same seed and count (its first draws), for benchmarks that look them up. */
export function sampleAccounts(seed: number, count: number): SampleAccount[] {
  return createAccounts(createRandom(seed), count);
}
