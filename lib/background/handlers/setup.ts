/**
 * What the options page sets up: the data source (configured and tested from the options page only),
 * its sync and conflicts, custom CRM sites, the role-mapping preview and the diagnostics.
 */
import type { CallerInfo } from '../../messaging/dispatch';
import { rolePreviewCounter } from '../../settings/role-preview';
import type { HandlerGroup, ServiceContext } from '../service-context';

/** Configuring the source (and typing its token) is for the options page only, not a panel. */
function requireOptionsPage(from: CallerInfo): void {
  const path = from.url ? new URL(from.url).pathname : '';
  if (path !== '/options.html') throw new Error('Only the options page may configure the data source');
}

export function setupHandlers(
  ctx: ServiceContext,
): HandlerGroup<
  | 'getSourceStatus' | 'configureSource' | 'testSource' | 'syncNow' | 'cancelSync' | 'listConflicts' | 'resolveConflict'
  | 'listCustomSites' | 'addCustomSite' | 'removeCustomSite' | 'previewRoleMapping' | 'getDiagnostics' | 'clearDiagnostics'
> {
  const { sources, sites, diagnostics } = ctx;
  return {
    getSourceStatus: () => sources.status(),
    configureSource(input, from) {
      requireOptionsPage(from);
      return sources.configure(input);
    },
    testSource(input, from) {
      requireOptionsPage(from);
      return sources.test(input);
    },
    syncNow: async () => (await sources.startSync()).status,
    cancelSync: () => sources.cancelSync(),
    listConflicts: () => sources.listConflicts(),
    resolveConflict: ({ seq, keep }) => sources.resolveConflict(seq, keep),

    listCustomSites: () => sites().list(),
    addCustomSite: ({ host, crm }) => sites().add(host, crm),
    removeCustomSite: ({ host }) => sites().remove(host),

    async previewRoleMapping({ mapping }) {
      // Over the distinct (role, title) pairs of every respondent, walked once per change of the data.
      const counter = rolePreviewCounter(mapping);
      for (const pair of await ctx.rolePairs.get()) counter.add(pair, pair.respondents);
      return counter.result();
    },
    getDiagnostics: () => diagnostics().list(),
    clearDiagnostics: () => diagnostics().clear(),
  };
}
