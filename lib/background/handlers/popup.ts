/** The toolbar popup: its first screen, the account search, an account's compact view and its records. */
import { resolveAccount } from '../../accounts/resolve';
import { pageOfTab, type HandlerGroup, type ServiceContext } from '../service-context';
import { DEMO_CRM } from '../demo-page';
import { withInsightDecoded } from '../../model';

export function popupHandlers(ctx: ServiceContext): HandlerGroup<'searchAccounts' | 'getPopupHome' | 'getAccountRecords' | 'getAccountGlance'> {
  const { store, sources, summaries, search, prepareSearch, attention, panelViews } = ctx;
  return {
    async searchAccounts({ query, limit }) {
      // The local index first; the HTTP source is asked until its first full sync has landed.
      return summaries.of(await sources.searchIds(query, limit ?? 20, (await search()).search(query, limit ?? 20)));
    },

    async getPopupHome({ tabId, recentIds }) {
      // The popup opens with this call: the search index is built meanwhile (behind every call), so the first keystroke finds it ready.
      prepareSearch();
      // The tab's last report, unless the tab has left that CRM since (nothing reports a page elsewhere).
      const page = await pageOfTab(tabId, { stillShown: true });
      let activeAccountId: string | null = null;
      if (page) {
        const resolution = page.crm === DEMO_CRM ? null : await resolveAccount(await store(), page);
        if (resolution?.status === 'matched') activeAccountId = resolution.accountId;
      }
      const ids = [...new Set([...(activeAccountId ? [activeAccountId] : []), ...recentIds])];
      const [found, empty, needs] = await Promise.all([summaries.of(ids), store().then((s) => s.isEmpty()), attention.current()]);
      return {
        activeAccountId,
        summaries: found,
        hasData: !empty,
        attention: { items: needs.items.slice(0, 20), total: needs.totals.accounts, computedAt: needs.computedAt },
      };
    },

    async getAccountRecords({ accountId }) {
      const records = await (await store()).getAccountRecords(accountId);
      // Results kept as text are decoded for the page (it sees responses as the model describes them).
      return records ? { ...records, responses: records.responses.map(withInsightDecoded) } : null;
    },

    async getAccountGlance({ accountId }) {
      // The panel's default view of the account (no person on a page): computed once and kept, so a
      // popup opened beside a panel on the same account, or opened again, is answered from memory.
      const view = await panelViews.view({ accountId, page: null }, await sources.freshSettings());
      if (!view) return null;
      const { account, window, context } = view;
      return { account, window, overall: context.overall, roles: context.roles, openActions: context.openActions };
    },
  };
}
