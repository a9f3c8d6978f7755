/**
 * The fields of the three CSV kinds and how a header names one: canonical column names from the
 * contract, plus the names common survey tools use in their exports, and long question texts. Matching
 * ignores case, spaces, punctuation and accents.
 */
/** Made once: the build turns a Unicode property literal into a `new RegExp` where it stands. */
const MARKS = /\p{M}+/gu;

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
  const lowered = header.replace(/^\uFEFF/, '').normalize('NFKD').replace(MARKS, '').toLowerCase();
  const compact = lowered.replace(/[^a-z0-9]+/g, '');
  return compact === '' ? lowered.trim() : compact;
}

/** Question texts in scripts the normalised form cannot hold (Japanese, Chinese, Korean). */
const NON_LATIN_RULES: Array<{ field: ImportField; test: RegExp }> = [
  { field: 'score', test: /(勧め|薦め|すすめ|推奨|推薦|推荐|추천)/ },
  { field: 'comment', test: /(理由|なぜ|为什么|원인|이유)/ },
];

/** The field a header names for a file of `kind`, with its rank (lower wins when two columns name one). */
export function matchField(kind: ImportKind, normalised: string, raw?: string): { field: ImportField; rank: number } | null {
  const exact = CANONICAL[kind].get(normalised);
  if (exact) return exact;
  for (const rule of PREFIX_RULES[kind]) if (rule.test.test(normalised)) return { field: rule.field, rank: 1000 };
  if (kind === 'responses' && raw !== undefined && /[\u0250-\uffff]/.test(raw)) {
    for (const rule of NON_LATIN_RULES) if (rule.test.test(raw)) return { field: rule.field, rank: 1000 };
  }
  return null;
}
