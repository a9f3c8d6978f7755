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
    { field: 'comment', test: /^(why|whatisthe(primary|main)?reason|whatcouldwe|whatcanwe|whatshould|pleaseexplain|tellus|anythingelse)/ },
    { field: 'comment', test: /reasonforyour(score|rating)/ },
    { field: 'score', test: /^(howlikely|onascale|likelihoodto)|likelytorecommend/ },
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

function matchField(kind: ImportKind, normalised: string): { field: ImportField; rank: number } | null {
  const exact = CANONICAL[kind].get(normalised);
  if (exact) return exact;
  for (const rule of PREFIX_RULES[kind]) if (rule.test.test(normalised)) return { field: rule.field, rank: 1000 };
  return null;
}

/** Which kind a header row is: responses need a score, sends a sent_at, actions a title. */
export function detectKind(headers: readonly string[]): ImportKind | null {
  const has = (kind: ImportKind, field: ImportField) =>
    headers.some((header) => matchField(kind, normaliseHeader(header))?.field === field);
  if (has('responses', 'score')) return 'responses';
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

export interface HeaderAnalysis {
  kind: ImportKind;
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
export function analyseHeaders(rawHeaders: readonly string[], kind: ImportKind, override?: MappingOverride): HeaderAnalysis {
  const headers = rawHeaders.map((header, i) => (i === 0 ? header.replace(/^\uFEFF/, '') : header));
  const best = new Map<ImportField, { column: number; rank: number; also: number[] }>();
  headers.forEach((header, column) => {
    const match = matchField(kind, normaliseHeader(header));
    if (!match) return;
    const current = best.get(match.field);
    if (!current || match.rank < current.rank) best.set(match.field, { column, rank: match.rank, also: [] });
    else if (match.rank === current.rank) current.also.push(column);
  });
  const columns: FieldColumns = {};
  for (const [field, { column }] of best) columns[field] = column;

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
  if (columns.account_id === undefined && columns.account_name === undefined) missing.push(ACCOUNT_REQUIREMENT);
  return {
    kind,
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
