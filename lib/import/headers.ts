/**
 * Header matching for the three CSV kinds: canonical column names from the contract, plus the names
 * common survey tools use in their exports. Matching ignores case, spaces, punctuation and accents.
 */

export const IMPORT_KINDS = ['responses', 'actions', 'sends'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const ACCOUNT_FIELDS = [
  'account_id', 'account_name', 'account_domain', 'salesforce_account_id', 'zendesk_organization_id',
  'hubspot_company_id',
] as const;

export const RESPONSE_FIELDS = [
  'response_id', ...ACCOUNT_FIELDS, 'respondent_email', 'respondent_name', 'respondent_first_name',
  'respondent_last_name', 'respondent_role', 'respondent_title', 'score', 'comment', 'responded_at', 'channel',
  'survey', 'tags', 'excluded',
] as const;
export const ACTION_FIELDS = [
  'action_id', ...ACCOUNT_FIELDS, 'title', 'status', 'owner', 'due_date', 'created_at', 'response_id',
  'updated_at', 'closed_at', 'closed_by', 'created_by', 'updated_by', 'notes',
] as const;
export const SEND_FIELDS = [
  ...ACCOUNT_FIELDS, 'respondent_email', 'respondent_role', 'sent_at', 'channel', 'survey',
] as const;

export type ResponseField = (typeof RESPONSE_FIELDS)[number];
export type ActionField = (typeof ACTION_FIELDS)[number];
export type SendField = (typeof SEND_FIELDS)[number];
export type ImportField = ResponseField | ActionField | SendField;

export const FIELDS_BY_KIND: Record<ImportKind, readonly ImportField[]> = {
  responses: RESPONSE_FIELDS,
  actions: ACTION_FIELDS,
  sends: SEND_FIELDS,
};

/** Field → column index in the file. */
export type FieldColumns = Partial<Record<ImportField, number>>;
/** A mapping the user chose: field → the header as written (or its column index); null unmaps the field. */
export type MappingOverride = Partial<Record<ImportField, string | number | null>>;

/**
 * Aliases per field, in the normalised form of `normaliseHeader`, best first: when two columns match the
 * same field, the one matching the earlier alias wins (SurveyMonkey's `End Date` over a plain `Date`).
 */
const ACCOUNT_ALIASES: Record<(typeof ACCOUNT_FIELDS)[number], string[]> = {
  account_id: ['accountid', 'accountkey', 'companyid', 'customerid', 'externalaccountid', 'clientid'],
  account_name: [
    'accountname', 'account', 'companyname', 'company', 'organizationname', 'organisationname', 'organization',
    'organisation', 'org', 'orgname', 'customername', 'customer', 'clientname', 'client',
  ],
  account_domain: ['accountdomain', 'domain', 'domains', 'companydomain', 'website', 'companywebsite', 'accountwebsite'],
  salesforce_account_id: [
    'salesforceaccountid', 'sfdcaccountid', 'sfaccountid', 'salesforceid', 'sfdcid', 'sfid', 'salesforceaccount',
  ],
  zendesk_organization_id: [
    'zendeskorganizationid', 'zendeskorganisationid', 'zendeskorgid', 'zendeskorganization', 'organizationid',
    'organisationid',
  ],
  hubspot_company_id: ['hubspotcompanyid', 'hscompanyid', 'hubspotid', 'hubspotcompany'],
};

const CHANNEL_ALIASES = ['channel', 'surveychannel', 'deliverychannel', 'distributionchannel', 'medium', 'via'];
const SURVEY_ALIASES = ['survey', 'surveyname', 'surveytitle', 'campaign', 'campaignname', 'surveyid'];
const EMAIL_ALIASES = [
  'respondentemail', 'email', 'emailaddress', 'recipientemail', 'contactemail', 'useremail', 'customeremail',
  'enduseremail', 'personemail', 'recipient',
];
const ROLE_ALIASES = ['respondentrole', 'role', 'contactrole', 'userrole', 'persona', 'personatype'];

const ALIASES: Record<ImportKind, Partial<Record<ImportField, string[]>>> = {
  responses: {
    ...ACCOUNT_ALIASES,
    response_id: ['responseid', 'surveyresponseid', 'responseuuid', 'respondentid', 'id', '#', 'token'],
    respondent_email: EMAIL_ALIASES,
    respondent_name: [
      'respondentname', 'name', 'fullname', 'contactname', 'username', 'personname', 'respondent', 'requester',
      'requestername', 'contact', 'endusername',
    ],
    respondent_first_name: ['respondentfirstname', 'firstname', 'givenname'],
    respondent_last_name: ['respondentlastname', 'lastname', 'surname', 'familyname'],
    respondent_role: ROLE_ALIASES,
    respondent_title: ['respondenttitle', 'jobtitle', 'title', 'contacttitle', 'position', 'jobrole', 'designation'],
    score: [
      'score', 'npsscore', 'nps', 'npsrating', 'rating', 'npsvalue', 'ratingscore', 'likelihoodtorecommend', 'ltr',
      'recommend', 'answer', 'npsresponse',
    ],
    comment: [
      'comment', 'comments', 'feedback', 'reason', 'verbatim', 'text', 'remark', 'remarks', 'opentext',
      'npscomment', 'feedbacktext', 'answertext', 'message', 'whyscore',
    ],
    responded_at: [
      'respondedat', 'respondeddate', 'responsetimestamp', 'submittedat', 'submitdate', 'submitdateutc',
      'datesubmitted', 'responsedate', 'responsetime', 'completedat', 'completeddate', 'enddate', 'recordeddate',
      'answeredat', 'surveydate', 'createdat', 'created', 'timestamp', 'date',
    ],
    channel: CHANNEL_ALIASES,
    survey: SURVEY_ALIASES,
    tags: ['tags', 'tag', 'labels', 'label'],
    excluded: ['excluded', 'exclude', 'isexcluded', 'excludefromnps', 'excludefromreporting', 'ignored', 'ignore'],
  },
  actions: {
    ...ACCOUNT_ALIASES,
    action_id: ['actionid', 'taskid', 'id'],
    title: ['title', 'actiontitle', 'action', 'task', 'taskname', 'subject', 'summary'],
    status: ['status', 'actionstatus', 'taskstatus', 'state'],
    owner: ['owner', 'ownername', 'owneremail', 'assignee', 'assignedto', 'responsible'],
    due_date: ['duedate', 'due', 'dueat', 'dueby', 'deadline', 'targetdate'],
    created_at: ['createdat', 'created', 'createddate', 'datecreated', 'openedat', 'opened', 'date'],
    response_id: ['responseid', 'npsresponseid', 'surveyresponseid', 'relatedresponseid', 'linkedresponseid'],
    updated_at: ['updatedat', 'lastupdated', 'modifiedat', 'lastmodified'],
    closed_at: ['closedat', 'completedat', 'doneat', 'resolvedat'],
    closed_by: ['closedby', 'completedby', 'resolvedby'],
    created_by: ['createdby'],
    updated_by: ['updatedby', 'lastmodifiedby', 'modifiedby'],
    notes: ['notes', 'actionnotes'],
  },
  sends: {
    ...ACCOUNT_ALIASES,
    respondent_email: EMAIL_ALIASES,
    respondent_role: ROLE_ALIASES,
    sent_at: [
      'sentat', 'sent', 'sentdate', 'datesent', 'senddate', 'surveysentat', 'invitesentat', 'invitedat',
      'invitationdate', 'deliveredat', 'deliverydate',
    ],
    channel: CHANNEL_ALIASES,
    survey: SURVEY_ALIASES,
  },
};

/** Long question texts used as headers ("How likely are you to recommend us…"), tried after the aliases. */
const PREFIX_RULES: Record<ImportKind, Array<{ field: ImportField; test: RegExp }>> = {
  responses: [
    { field: 'comment', test: /^(why|what(is|s)the(primary|main)?reason|whatcouldwe|whatcanwe|whatshould|pleaseexplain|tellus|anythingelse)/ },
    { field: 'comment', test: /reasonforyour(score|rating)/ },
    { field: 'score', test: /^(howlikely|onascale|likelihoodto)|likelytorecommend/ },
    // The NPS question in the languages surveys are most often written in (accents already removed).
    { field: 'score', test: /weiterempfehlen|wahrscheinlich.*empfehlen|probabilite.*recommand|recommanderiez|probabil.*recom(i)?end|recomendaria|probabile.*(consigl|raccomand)|waarschijnlijk.*aanbe|aanbevelen/ },
    { field: 'comment', test: /^(warum|weshalb|pourquoi|porque|porqu|perche|waarom|motivo|raison|grund)/ },
  ],
  actions: [],
  sends: [],
};

const CANONICAL: Record<ImportKind, Map<string, { field: ImportField; rank: number }>> = {
  responses: buildIndex('responses'),
  actions: buildIndex('actions'),
  sends: buildIndex('sends'),
};

function buildIndex(kind: ImportKind): Map<string, { field: ImportField; rank: number }> {
  const index = new Map<string, { field: ImportField; rank: number }>();
  for (const field of FIELDS_BY_KIND[kind]) {
    const aliases = [normaliseHeader(field), ...(ALIASES[kind][field] ?? [])];
    aliases.forEach((alias, rank) => {
      const existing = index.get(alias);
      if (existing && existing.field !== field) throw new Error(`alias ${alias} is used by ${existing.field} and ${field}`);
      if (!existing) index.set(alias, { field, rank });
    });
  }
  return index;
}

/** Lower case, accents, BOM, spaces and punctuation removed: `Created-At`, `created_at`, `CreatedAt` are one. */
export function normaliseHeader(header: string): string {
  const lowered = header.replace(/^\uFEFF/, '').normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const compact = lowered.replace(/[^a-z0-9]+/g, '');
  return compact === '' ? lowered.trim() : compact;
}

/** Question texts in scripts the normalised form cannot hold (Japanese, Chinese, Korean). */
const NON_LATIN_RULES: Array<{ field: ImportField; test: RegExp }> = [
  { field: 'score', test: /(勧め|薦め|すすめ|推奨|推薦|推荐|추천)/ },
  { field: 'comment', test: /(理由|なぜ|为什么|원인|이유)/ },
];

function matchField(kind: ImportKind, normalised: string, raw?: string): { field: ImportField; rank: number } | null {
  const exact = CANONICAL[kind].get(normalised);
  if (exact) return exact;
  for (const rule of PREFIX_RULES[kind]) if (rule.test.test(normalised)) return { field: rule.field, rank: 1000 };
  if (kind === 'responses' && raw !== undefined && /[\u0250-\uffff]/.test(raw)) {
    for (const rule of NON_LATIN_RULES) if (rule.test.test(raw)) return { field: rule.field, rank: 1000 };
  }
  return null;
}

/**
 * The companion of an NPS question that holds its group, not the score: Qualtrics' `Q1_NPS_GROUP`
 * (question text "… - Group"), `NPS Category`, `NPS Segment`. Returns the label of the question it
 * belongs to when the label names one (`Q1`), else '' (a companion of no named column).
 */
export function npsCompanionOf(label: string): string | null {
  const m = /^(.*?)[\s_-]*nps[\s_-]*(group|category|segment|classification|type)$/i.exec(label.trim());
  if (m) return m[1] ?? '';
  if (/\s[-–]\s*(group|nps group)$/i.test(label.trim())) return '';
  if (/^(nps)?\s*(category|segment)$/i.test(label.trim())) return '';
  return null;
}

/** Column ids survey tools give an NPS question: `Q1_NPS`, `QID7_NPS`, `NPS_Q3`. */
const NPS_ID = /^(q(id)?\d+[_-]?nps|nps[_-]?q(id)?\d+)$/i;

const DATE_LIKE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}.*)?$/;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a column's non-empty sample values (at least two) all pass `test`. */
function allValues(sample: readonly (readonly string[])[], column: number, test: (value: string) => boolean): boolean {
  let values = 0;
  for (const row of sample) {
    const cell = (row[column] ?? '').trim();
    if (cell === '') continue;
    if (!test(cell)) return false;
    values++;
  }
  return values >= 2;
}

/** The one column no field has taken that passes `test`, or null (none, or several: not guessed). */
function onlyColumnWhere(width: number, columns: FieldColumns, skip: ReadonlySet<number>, test: (column: number) => boolean): number | null {
  const taken = new Set(Object.values(columns));
  let found: number | null = null;
  for (let column = 0; column < width; column++) {
    if (taken.has(column) || skip.has(column) || !test(column)) continue;
    if (found !== null) return null;
    found = column;
  }
  return found;
}

/** A column whose sample values are all whole numbers 0–10, spread enough to be a score (not 0/1 flags). */
function looksLikeScores(sample: readonly (readonly string[])[], column: number): boolean {
  const seen = new Set<number>();
  let values = 0;
  for (const row of sample) {
    const cell = (row[column] ?? '').trim();
    if (cell === '') continue;
    if (!/^\d{1,2}$/.test(cell) || Number(cell) > 10) return false;
    seen.add(Number(cell));
    values++;
  }
  return values >= 2 && (seen.size >= 3 || [...seen].some((v) => v > 1));
}

/** Which kind a header row is: responses need a score, sends a sent_at, actions a title. */
export function detectKind(headers: readonly string[], shape: ColumnShape = {}): ImportKind | null {
  const has = (kind: ImportKind, field: ImportField) =>
    headers.some((header) => matchField(kind, normaliseHeader(header), header)?.field === field);
  if (has('responses', 'score')) return 'responses';
  // A survey export whose score column is named only under the first row, by a companion or by its values.
  if ((shape.labels || shape.sample || shape.columns) && analyseHeaders(headers, 'responses', undefined, shape).columns.score !== undefined) return 'responses';
  if (has('sends', 'sent_at')) return 'sends';
  if (has('actions', 'title')) return 'actions';
  return null;
}

export const REQUIRED: Record<ImportKind, ImportField[]> = {
  responses: ['score', 'responded_at'],
  actions: ['title'],
  sends: ['sent_at'],
};
/** Every kind needs one of these to know which account a row belongs to. */
export const ACCOUNT_REQUIREMENT = 'account_id or account_name';

/** What else is known of a file's columns than its first header row. */
export interface ColumnShape {
  /** Every label of each column (the first row's, then question text or metadata ids under it). */
  labels?: readonly (readonly string[])[];
  /** The first data rows, for the one column of 0–10 values when no header names the score. */
  sample?: readonly (readonly string[])[];
  /** A vendor preset's columns: compacted label (`normaliseHeader`) → field; they win over the aliases. */
  columns?: Readonly<Record<string, ImportField>>;
  /** Compacted labels a preset says are not what their names suggest (Qualtrics' `StartDate`). */
  ignore?: readonly string[];
}

/** How a file's rows find their account. */
export type AccountSource = 'column' | 'email_domain';

export interface HeaderAnalysis {
  kind: ImportKind;
  /** `email_domain`: no account column, so each respondent's email domain names the account. */
  accountFrom: AccountSource;
  /** How the score column was found, when it was not by its own header name. */
  scoreFoundBy?: 'header' | 'question_text' | 'companion' | 'values' | 'preset' | 'mapping';
  /** The headers as written in the file (BOM removed). */
  headers: string[];
  /** Field → column index. */
  columns: FieldColumns;
  /** Field → the header as written, for the summary and the manual mapping step. */
  mapping: Partial<Record<ImportField, string>>;
  /** Headers that no field uses; their columns are ignored. */
  unknownHeaders: string[];
  /** Required fields with no column: field names, or `account_id or account_name`. */
  missing: string[];
  /**
   * Fields that two or more columns name equally well (a `score` header given twice): which one is meant
   * is not guessed, the user chooses (columns as indexes, in file order).
   */
  duplicates: Array<{ field: ImportField; columns: number[] }>;
}

/**
 * Maps a header row onto the fields of `kind`. `override` (from a manual mapping step) replaces the
 * automatic choice for the fields it names; a header it names can serve only that field.
 */
export function analyseHeaders(rawHeaders: readonly string[], kind: ImportKind, override?: MappingOverride, shape: ColumnShape = {}): HeaderAnalysis {
  const headers = rawHeaders.map((header, i) => (i === 0 ? header.replace(/^\uFEFF/, '') : header));
  const labelsOf = (column: number): readonly string[] => shape.labels?.[column] ?? [headers[column] ?? ''];
  const ignored = new Set(shape.ignore ?? []);
  const best = new Map<ImportField, { column: number; rank: number; also: number[] }>();
  const companions: string[] = [];
  const companionColumns = new Set<number>();
  let scoreFoundBy: HeaderAnalysis['scoreFoundBy'];
  headers.forEach((_header, column) => {
    const labels = labelsOf(column);
    if (kind === 'responses') {
      const companion = labels.map(npsCompanionOf).find((base) => base !== null);
      if (companion !== undefined && companion !== null) {
        companionColumns.add(column);
        if (companion !== '') companions.push(normaliseHeader(companion));
        return;
      }
    }
    // The first row's label first; a label under it counts a little less, so the first row decides ties.
    let match: { field: ImportField; rank: number } | null = null;
    labels.forEach((label, i) => {
      const normalised = normaliseHeader(label);
      if (ignored.has(normalised)) return;
      const preset = shape.columns?.[normalised];
      const found = preset && FIELDS_BY_KIND[kind].includes(preset) ? { field: preset, rank: -10 } : matchField(kind, normalised, label);
      if (!found) return;
      const rank = found.rank + (i === 0 ? 0 : 100);
      if (!match || rank < match.rank) match = { field: found.field, rank };
    });
    if (!match && kind === 'responses' && labels.some((label) => NPS_ID.test(label.trim()))) match = { field: 'score', rank: 500 };
    if (!match) return;
    const { field, rank } = match;
    const current = best.get(field);
    if (!current || rank < current.rank) best.set(field, { column, rank, also: [] });
    else if (rank === current.rank) current.also.push(column);
  });
  const columns: FieldColumns = {};
  for (const [field, { column }] of best) columns[field] = column;
  if (kind === 'responses') {
    const score = best.get('score');
    if (score) scoreFoundBy = score.rank < 0 ? 'preset' : score.rank >= 1000 ? 'question_text' : score.rank === 500 ? 'header' : 'header';
    // The question a companion names (`Q1` of `Q1_NPS_GROUP`) is the score, whatever its own label says.
    const named = headers.findIndex((_h, column) => !companionColumns.has(column) && labelsOf(column).some((label) => companions.includes(normaliseHeader(label))));
    if (named >= 0 && (!score || score.rank >= 500)) {
      for (const field of Object.keys(columns) as ImportField[]) if (columns[field] === named) delete columns[field];
      columns.score = named;
      best.delete('score');
      scoreFoundBy = 'companion';
    } else if (!score && shape.sample) {
      const column = onlyColumnWhere(headers.length, columns, companionColumns, (c) => looksLikeScores(shape.sample!, c));
      if (column !== null) {
        columns.score = column;
        scoreFoundBy = 'values';
      }
    }
    // The date and the respondent's email, by their values, when no header names them.
    if (shape.sample && columns.responded_at === undefined) {
      const column = onlyColumnWhere(headers.length, columns, companionColumns, (c) => allValues(shape.sample!, c, (v) => DATE_LIKE.test(v)));
      if (column !== null) columns.responded_at = column;
    }
    if (shape.sample && columns.respondent_email === undefined) {
      const column = onlyColumnWhere(headers.length, columns, companionColumns, (c) => allValues(shape.sample!, c, (v) => EMAIL_LIKE.test(v) || v.toLowerCase() === 'anonymous'));
      if (column !== null) columns.respondent_email = column;
    }
  }

  if (override) {
    const allowed = new Set<ImportField>(FIELDS_BY_KIND[kind]);
    for (const [field, target] of Object.entries(override) as Array<[ImportField, string | number | null | undefined]>) {
      if (!allowed.has(field) || target === undefined) continue;
      delete columns[field];
      if (target === null) continue;
      const column = typeof target === 'number' ? target : findHeader(headers, target);
      if (column < 0 || column >= headers.length) continue;
      for (const other of Object.keys(columns) as ImportField[]) {
        if (columns[other] === column && !(other in override)) delete columns[other];
      }
      columns[field] = column;
    }
  }

  const used = new Set(Object.values(columns));
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const field of FIELDS_BY_KIND[kind]) {
    const column = columns[field];
    if (column !== undefined) mapping[field] = headers[column] ?? '';
  }
  const duplicates = [...best]
    .filter(([field, { also }]) => also.length > 0 && !(override && override[field] !== undefined))
    .map(([field, { column, also }]) => ({ field, columns: [column, ...also] }));
  const missing: string[] = REQUIRED[kind].filter((field) => columns[field] === undefined);
  let accountFrom: AccountSource = 'column';
  if (columns.account_id === undefined && columns.account_name === undefined) {
    // Survey exports often name no account: the respondents' email domains (or a domain column) do.
    if (kind !== 'actions' && (columns.respondent_email !== undefined || columns.account_domain !== undefined)) accountFrom = 'email_domain';
    else missing.push(ACCOUNT_REQUIREMENT);
  }
  if (override && kind === 'responses' && override.score !== undefined && override.score !== null) scoreFoundBy = 'mapping';
  return {
    kind,
    accountFrom,
    ...(scoreFoundBy && columns.score !== undefined ? { scoreFoundBy } : {}),
    headers,
    columns,
    mapping,
    unknownHeaders: headers.filter((header, column) => !used.has(column) && header.trim() !== ''),
    missing,
    duplicates,
  };
}

function findHeader(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const normalised = normaliseHeader(wanted);
  return headers.findIndex((header) => normaliseHeader(header) === normalised);
}
