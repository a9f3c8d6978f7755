/**
 * The background service's typed protocol: one entry per method, with the zod schema of its input and
 * the type of its output. Callers get types through `call()`; the background validates every input and
 * checks who sent it before a handler runs. Nothing here is string-typed beyond the method's name.
 */
import { z } from 'zod';
import type { ErrorInfo } from '../core/errors';
import type { LogEntry } from '../core/log';
import {
  AccountFactsSchema,
  ActionSchema,
  ActionStatusSchema,
  ResponseSchema,
  SurveySendSchema,
  type Account,
  type AccountRecords,
  type Action,
} from '../model';
import type { ChangeDirection, NpsSummary } from '../nps';
import type { ExportPage, ImportRecord, StoreCounts } from '../store';
import { CHANNELS, ROLES, WindowKeySchema, type WindowKey } from '../model';
import type { PanelView } from './panel-view';
import type { AccountGlance } from './account-glance';
import type { CommentPage } from '../insights/comment-filter';

/** A filter of the panel's comments (`CommentFilter`), as the background accepts it. */
const FilterWord = z.string().max(500);
const CommentFilterSchema = z.object({
  category: z.enum(['all', 'promoter', 'passive', 'detractor']),
  role: z.enum([...ROLES, 'all']),
  channel: z.enum([...CHANNELS, 'none', 'all']),
  theme: FilterWord,
  emotion: FilterWord,
  sentiment: FilterWord,
  tag: FilterWord,
  survey: FilterWord,
  text: FilterWord,
});
import type { AccountAttention } from '../nps/attention';
import type { AnalysisStatus } from '../model/events';
import type { InsightsSummary } from '../insights/summary';
import type { Taxonomy } from '../insights/types';
import { RoleMappingSchema } from '../settings';
import type { RoleMappingPreview } from '../settings/role-preview';
import type { RecordLink } from '../accounts/record-links';
import { REPORT_ID_PATTERN } from './report-id';
import { PageContextSchema, type Freshness, type PageContextInput, type Resolution } from '../model/page';
import { CRM_IDS } from '../crm/hosts';
import type { CustomSite } from '../settings/custom-sites';
import type { SourceStatus, SourceTestResult, SyncStatus, WriteConflict } from '../sources/status';
import { ConnectorIdSchema, SelectionSchema, type ConnectorPreview, type ConnectorStatus, type QuestionInfo, type SurveyInfo } from '../sources/connectors/schemas';

const Id = z.string().min(1).max(200);
const ReportIdSchema = z.string().regex(REPORT_ID_PATTERN, 'not a report id');

/** Who may call a method: the content script on a CRM page, or one of our own extension pages. */
export type Caller = 'content' | 'extension';

/** The insights over every account's commented responses in a window (`lib/insights/summary.ts`). */
export interface PortfolioInsights {
  window: WindowKey;
  /** Counted responses in the window, with a comment or not. */
  responses: number;
  summary: InsightsSummary;
  /** The key of the results counted, so the page names themes by the taxonomy that made them. */
  taxonomy: Taxonomy;
}

export interface PanelData {
  /** The tab the panel is in, so it can tell which page-change events are its own. */
  tabId: number | null;
  page: PageContextInput | null;
  resolution: Resolution;
  /** What the panel shows of the account, computed in the background; null when the page has no account. */
  view: PanelView | null;
  /** When the records were last written locally (epoch ms). */
  updatedAt: number | null;
  sourceName: string;
  freshness: Freshness;
}

/** A search result: the account and its headline over the default window. */
export interface AccountSummary {
  account: Account;
  summary: NpsSummary;
  openActions: number;
  /** The window and counting rule the summary used (the display settings). */
  window: WindowKey;
  /** Versus the previous window of the same length; 'up'/'down' only when significant. */
  change: ChangeDirection;
}

export interface PopupHome {
  /** The active tab's account, when its page resolves to one. */
  activeAccountId: string | null;
  /** The active tab's account first (if any), then the recent look-ups. */
  summaries: AccountSummary[];
  /** False when no account is stored at all: the popup offers to get started. */
  hasData: boolean;
  /** What needs attention across accounts, most urgent first (kept up to date in the background). */
  attention: { items: AccountAttention[]; total: number; computedAt: number };
}

const StagedBatchInput = z.object({
  importId: Id,
  seq: z.number().int().nonnegative(),
  accounts: z.array(AccountFactsSchema).max(20_000),
  responses: z.array(ResponseSchema).max(20_000),
  actions: z.array(ActionSchema).max(20_000),
  sends: z.array(SurveySendSchema).max(20_000),
});

/** Declares a method: `method<Output>()(callers, inputSchema)`; the input type is inferred. */
function method<O>() {
  return <I extends z.ZodType>(callers: readonly Caller[], input: I) => ({
    callers,
    input,
    output: undefined as unknown as O,
  });
}

export const PROTOCOL = {
  /** The content script says what the top frame's page is (null: no account on this page). */
  reportPage: method<void>()(
    ['content'],
    z.object({
      page: PageContextSchema.nullable(),
      // Zendesk pages: the raw bodies of the same-origin API responses the content script read.
      // Validated and merged into the page's hints by the background; bounded in count and size.
      zendeskApi: z
        .array(z.unknown())
        .max(4)
        .refine((bodies) => JSON.stringify(bodies).length <= 2_000_000, 'too large')
        .optional(),
      // Which report this is (lib/messaging/report-id.ts): a new panel frame waits for it.
      report: ReportIdSchema.optional(),
    }),
  ),
  /**
   * The panel asks for its tab's page, the account it resolves to, and that account's records. A page
   * that is not in the tab (the side panel, the popup) names the tab; the in-page panel need not.
   */
  getPanelData: method<PanelData>()(
    ['extension'],
    // `report`: the in-page panel's first call names the report its frame was created with; the answer
    // waits until that report has arrived (lib/messaging/report-id.ts).
    // `window`, `granularity`: the panel's own choices (absent: the display settings' window, quarters).
    // `wholeLists`: every open action, done action and waiting response, not only the first of each.
    z.object({
      tabId: z.number().int().optional(),
      report: ReportIdSchema.optional(),
      window: WindowKeySchema.optional(),
      granularity: z.enum(['quarter', 'month']).optional(),
      wholeLists: z.boolean().optional(),
    }),
  ),
  /**
   * A page of the panel's comments (its tab's account, the window it shows): the first `limit` that pass
   * the filter, and the counts. The comments stay in the background; only the page crosses.
   */
  getPanelComments: method<CommentPage>()(
    ['extension'],
    z.object({
      tabId: z.number().int().optional(),
      window: WindowKeySchema.optional(),
      filter: CommentFilterSchema,
      limit: z.number().int().min(1).max(5000),
    }),
  ),
  /** The content script's first record on a page: the background injects the panel's chrome. */
  injectPanelChrome: method<void>()(['content'], z.object({})),
  /** Remembers, by hand, which account a CRM record is; it wins over automatic matching from then on. */
  linkRecord: method<void>()(['extension'], z.object({ recordKey: Id, accountId: Id.nullable() })),
  searchAccounts: method<AccountSummary[]>()(
    ['extension'],
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  ),
  /** Every stored record of the account. For a big account this is megabytes: pages ask for what they show. */
  getAccountRecords: method<AccountRecords | null>()(['extension'], z.object({ accountId: Id })),
  /** The popup's compact view of an account, computed in the background (null: not stored). */
  getAccountGlance: method<AccountGlance | null>()(['extension'], z.object({ accountId: Id })),
  /** Fetches the account again from its source now; `dataChanged` is broadcast when it lands. */
  refreshAccount: method<Freshness>()(['extension'], z.object({ accountId: Id })),
  saveAction: method<Action>()(['extension'], ActionSchema),
  setActionStatus: method<Action>()(['extension'], z.object({ actionId: Id, status: ActionStatusSchema })),
  /** Adds a timestamped note to an action (stored with it, and written to a shared source with it). */
  addActionNote: method<Action>()(['extension'], z.object({ actionId: Id, text: z.string().trim().min(1, 'a note needs some text').max(5_000) })),
  beginImport: method<{ importId: string }>()(
    ['extension'],
    z.object({ fileName: z.string().max(500), kind: z.enum(['responses', 'actions', 'sends']) }),
  ),
  stageImportBatch: method<void>()(['extension'], StagedBatchInput),
  // The whole file is read: the rows still waiting in the background's memory are stored (staged) and
  // the import is ready to commit; from here a stopped service worker finishes it at its next start.
  endImportStaging: method<ImportRecord>()(
    ['extension'],
    z.object({ importId: Id, imported: z.number().int().nonnegative(), rejected: z.number().int().nonnegative() }),
  ),
  commitImport: method<ImportRecord>()(
    ['extension'],
    z.object({ importId: Id, imported: z.number().int().nonnegative(), rejected: z.number().int().nonnegative() }),
  ),
  cancelImport: method<void>()(['extension'], z.object({ importId: Id })),
  // Imports that did not finish (a commit that keeps failing, a staging whose page went away): listed
  // on the options page, where the user may discard one; the stored data is never touched by either.
  listUnfinishedImports: method<ImportRecord[]>()(['extension'], z.object({})),
  discardImport: method<void>()(['extension'], z.object({ importId: Id })),
  getStats: method<StoreCounts>()(['extension'], z.object({})),
  // Export: one page of responses or actions after a key, with their accounts; the options
  // page asks page after page (keyset paging) and writes the CSV, so neither side holds the whole store.
  exportPage: method<ExportPage>()(
    ['extension'],
    z.object({ kind: z.enum(['responses', 'actions']), after: z.string().max(1000).nullable(), limit: z.number().int().min(1).max(5000) }),
  ),
  clearData: method<void>()(['extension'], z.object({})),
  // Comment reading (docs/insights.md): where the pass stands; start one now, or cancel the running one.
  getAnalysisStatus: method<AnalysisStatus>()(['extension'], z.object({})),
  startAnalysis: method<void>()(['extension'], z.object({})),
  cancelAnalysis: method<void>()(['extension'], z.object({})),
  /** What customers say across every account (the portfolio page), in the default window. */
  getPortfolioInsights: method<PortfolioInsights>()(['extension'], z.object({})),
  /** Stored comments for the options page's theme editor, which counts what each theme would match. */
  sampleComments: method<string[]>()(['extension'], z.object({ limit: z.number().int().min(1).max(5000) })),
  // Custom sites: a CRM on the customer's own host. The options page has asked for the host's
  // permission before `addCustomSite`; the background registers that CRM's content script there.
  listCustomSites: method<CustomSite[]>()(['extension'], z.object({})),
  addCustomSite: method<CustomSite>()(['extension'], z.object({ host: z.string().min(1).max(300), crm: z.enum(CRM_IDS) })),
  removeCustomSite: method<void>()(['extension'], z.object({ host: z.string().min(1).max(300) })),
  // Data sources. The token goes one way: typed in the options page, kept by the background,
  // never returned. Configuring and testing are for the options page only (checked by the handler).
  getSourceStatus: method<SourceStatus>()(['extension'], z.object({})),
  configureSource: method<SourceStatus>()(
    ['extension'],
    z.object({
      kind: z.enum(['local', 'http']),
      url: z.string().max(2000),
      name: z.string().max(200),
      ttlMinutes: z.number().int().min(1).max(7 * 24 * 60),
      /** Absent: keep the saved token; empty: remove it. */
      token: z.string().max(8192).optional(),
    }),
  ),
  testSource: method<SourceTestResult>()(['extension'], z.object({ url: z.string().max(2000), token: z.string().max(8192).optional() })),
  /** Starts a sync (or joins the one running); `syncProgress` events follow. */
  syncNow: method<SyncStatus | null>()(['extension'], z.object({})),
  cancelSync: method<SyncStatus | null>()(['extension'], z.object({})),
  listConflicts: method<WriteConflict[]>()(['extension'], z.object({})),
  resolveConflict: method<void>()(['extension'], z.object({ seq: z.number().int().nonnegative(), keep: z.enum(['mine', 'theirs']) })),
  // Survey-tool connectors (options page only). The token goes one way, as the source's does; the
  // page has asked for the API's origin before `connectorConnect`.
  connectorStatus: method<ConnectorStatus[]>()(['extension'], z.object({})),
  connectorConnect: method<SurveyInfo[]>()(
    ['extension'],
    z.object({ id: ConnectorIdSchema, baseUrl: z.string().url().max(2000), token: z.string().trim().min(1, 'the token is empty').max(8192).optional() }),
  ),
  connectorQuestions: method<QuestionInfo[]>()(['extension'], z.object({ id: ConnectorIdSchema, surveyId: Id })),
  connectorPreview: method<ConnectorPreview>()(['extension'], z.object({ id: ConnectorIdSchema, selection: SelectionSchema })),
  connectorSave: method<ConnectorStatus[]>()(['extension'], z.object({ id: ConnectorIdSchema, selection: SelectionSchema, surveyName: z.string().max(500) })),
  /** Runs a sync now (or waits for the one running) and returns what it stored. */
  connectorSync: method<{ imported: number; unassigned: number; pages: number; more: boolean }>()(['extension'], z.object({ id: ConnectorIdSchema })),
  connectorCancel: method<void>()(['extension'], z.object({ id: ConnectorIdSchema })),
  /** Forgets the connector's settings, token and cursor; what it stored stays. */
  connectorRemove: method<ConnectorStatus[]>()(['extension'], z.object({ id: ConnectorIdSchema })),
  // Popup and options.
  /**
   * What the popup shows before anything is typed, in one call: the account of the tab named (the active
   * tab), if one is recognised there, then the recent look-ups named (unknown ids are left out).
   */
  getPopupHome: method<PopupHome>()(
    ['extension'],
    z.object({ tabId: z.number().int().optional(), recentIds: z.array(Id).max(50) }),
  ),
  /** Links to the account's records in the CRMs the user has visited (none where the host is not known). */
  getRecordLinks: method<RecordLink[]>()(['extension'], z.object({ accountId: Id })),
  /** How many stored respondents each synonym and title rule of a (not yet saved) mapping would map. */
  previewRoleMapping: method<RoleMappingPreview>()(['extension'], z.object({ mapping: RoleMappingSchema })),
  // Diagnostics: what failed in background work, newest first (no customer data), for a support ticket.
  getDiagnostics: method<LogEntry[]>()(['extension'], z.object({})),
  clearDiagnostics: method<void>()(['extension'], z.object({})),
  /** The demo page (demo.html) shows the panel for an account: its tab gets that account as its page. */
  showDemoPage: method<{ accountId: string; name: string } | null>()(['extension'], z.object({ accountId: Id.optional() })),
} as const;

export type MethodName = keyof typeof PROTOCOL;
export type MethodInput<K extends MethodName> = z.input<(typeof PROTOCOL)[K]['input']>;
/** What a handler receives: the input after validation (defaults applied). */
export type MethodParams<K extends MethodName> = z.output<(typeof PROTOCOL)[K]['input']>;
export type MethodOutput<K extends MethodName> = (typeof PROTOCOL)[K]['output'];

/** The wire format of a call and of its reply. */
/** The name of the port pages keep open to call the background many times a second (`port-client.ts`). */
export const SERVICE_PORT = 'nps-service';

export interface Call<K extends MethodName = MethodName> {
  channel: 'nps-service';
  method: K;
  input: MethodInput<K>;
}
/** A failure keeps its code (and where it points) across messaging: `error` is the message. */
export type Reply<T> = { ok: true; value: T } | ({ ok: false; error: string } & Omit<ErrorInfo, 'message'>);

/** Broadcasts from the background to our pages (panels, popup, options). */
