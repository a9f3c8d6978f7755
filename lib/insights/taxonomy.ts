/**
 * The default theme taxonomy of docs/insights.md (B2B software). This is data, the product's own knowledge:
 * users re-word it in the options page and pass their version in `analyseComments(texts, { taxonomy })`.
 * Words are matched on word forms (lemma, stem or the word itself), so "slow" also finds "slower",
 * "slowness" and "slows"; a phrase matches as consecutive words, and the longest match wins, so a
 * "session timeout" is security and never speed.
 */
import { hash64 } from '../core/hash';
import type { Taxonomy } from './types';

export const DEFAULT_TAXONOMY: Taxonomy = {
  version: 'default-1',
  themes: [
    {
      id: 'support',
      label: 'Support',
      words: [
        'support', 'support team', 'support agent', 'support staff', 'tech support', 'technical support', 'customer support',
        'customer service', 'service desk', 'help desk', 'helpdesk', 'ticket', 'agent', 'chat', 'live chat', 'chatbot',
        'response time', 'reply time', 'first response', 'resolution time', 'callback', 'escalation',
        // Support's own speed is support, not the product's speed (docs/insights.md).
        'slow to respond', 'slow to reply', 'slow support', 'slow response', 'slow reply', 'fast response', 'quick reply',
        'quick response',
      ],
    },
    {
      id: 'onboarding',
      label: 'Onboarding',
      words: [
        'onboarding', 'onboard', 'setup', 'set up', 'setup wizard', 'implementation', 'implement', 'migration', 'migrate',
        'training', 'getting started', 'get started', 'go-live', 'go live', 'rollout', 'roll out', 'kickoff', 'kick-off',
        'data import', 'implementation partner', 'onboarding specialist',
      ],
    },
    {
      id: 'ease_of_use',
      label: 'Ease of use',
      words: [
        'interface', 'ui', 'ux', 'user interface', 'user experience', 'intuitive', 'unintuitive', 'easy to use', 'ease of use',
        'easy', 'usability', 'user-friendly', 'user friendly', 'confusing', 'clunky', 'cumbersome', 'navigation', 'menu',
        'click', 'learning curve', 'design', 'layout', 'screen', 'button', 'pop-up', 'popup', 'tooltip', 'drag and drop',
        'hard to use', 'difficult to use', 'complicated',
      ],
    },
    {
      id: 'performance',
      label: 'Speed',
      words: [
        'slow', 'slowly', 'slowness', 'slowdown', 'sluggish', 'lag', 'laggy', 'latency', 'load time', 'loading', 'load',
        'speed', 'fast', 'faster', 'instantly', 'snappy', 'timeout', 'time out', 'freeze', 'hang', 'spinner',
        'performance', 'take forever', 'blazing', 'seconds',
      ],
    },
    {
      id: 'reliability',
      label: 'Reliability',
      words: [
        'bug', 'buggy', 'error', 'crash', 'outage', 'downtime', 'down', 'data loss', 'lose data', 'lost data', 'lose work',
        'break', 'broken', 'fail', 'failure', 'stable', 'stability', 'unstable', 'reliable', 'reliability', 'unreliable',
        'glitch', 'status page', 'rock solid',
      ],
    },
    {
      id: 'features',
      label: 'Features',
      words: [
        'feature', 'feature request', 'functionality', 'capability', 'roadmap', 'missing', 'lack', 'dark mode',
        'offline mode', 'bulk edit', 'bulk editing', 'custom field', 'custom object', 'automation', 'workflow',
      ],
    },
    {
      id: 'integrations',
      label: 'Integrations',
      words: [
        'integration', 'integrate', 'connector', 'connect', 'connection', 'sync', 'synchronization', 'synchronisation',
        'api', 'webhook', 'plugin', 'plug-in', 'zapier', 'slack', 'jira', 'salesforce', 'hubspot', 'outlook', 'gmail',
        'microsoft teams', 'rate limit', 'provisioning',
      ],
    },
    {
      id: 'pricing',
      label: 'Price and billing',
      words: [
        'price', 'pricing', 'cost', 'costly', 'expensive', 'cheap', 'overpriced', 'pricey', 'value for money',
        'invoice', 'billing', 'bill', 'charge', 'licence', 'license', 'per-seat', 'seat', 'discount', 'refund',
        'subscription', 'price increase', 'pay', 'upsell', 'tier', 'add-on',
      ],
    },
    {
      id: 'account_management',
      label: 'Account team',
      words: [
        'account manager', 'csm', 'customer success manager', 'customer success', 'account team', 'account executive',
        'relationship', 'qbr', 'business review', 'quarterly business review', 'communication',
      ],
    },
    {
      id: 'reporting',
      label: 'Reporting',
      words: [
        'report', 'reporting', 'dashboard', 'analytics', 'export', 'chart', 'graph', 'metric', 'kpi', 'insight',
      ],
    },
    {
      id: 'security',
      label: 'Security',
      words: [
        'security', 'secure', 'sso', 'single sign-on', 'saml', 'two-factor', 'two factor', '2fa', 'mfa', 'login policy',
        'password', 'permission', 'role', 'access control', 'compliance', 'audit', 'audit log', 'soc 2', 'soc 2 report',
        'soc2', 'gdpr', 'encryption', 'breach', 'security incident', 'session timeout', 'log in again', 'locked out', 'scim',
      ],
    },
    {
      id: 'documentation',
      label: 'Documentation',
      words: [
        'docs', 'documentation', 'help article', 'help center', 'help centre', 'knowledge base', 'release note',
        'guide', 'getting started guide', 'tutorial', 'video', 'api reference', 'manual', 'faq',
      ],
    },
  ],
  ignore: ['thanks to the chat'],
};

/**
 * A stable hash of a taxonomy's content (themes, words and ignored phrases, in order; not its `version`
 * name), so stored results are recomputed exactly when what is matched changes.
 */
export function taxonomyHash(taxonomy: Taxonomy): string {
  return hash64(
    JSON.stringify({
      themes: taxonomy.themes.map((theme) => [theme.id, theme.words.map((word) => word.trim().toLowerCase())]),
      ignore: (taxonomy.ignore ?? []).map((word) => word.trim().toLowerCase()),
    }),
  );
}

/**
 * Problems that make a taxonomy unusable (empty or repeated ids, themes without words), as codes and
 * values each language words (`themeProblem.<code>`); an empty list means it can be used.
 */
export type TaxonomyProblem =
  | { code: 'no_id'; values: Record<string, never> }
  | { code: 'id_twice'; values: { id: string } }
  | { code: 'no_words'; values: { theme: string } };

export function taxonomyIssues(taxonomy: Taxonomy): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  const seen = new Set<string>();
  for (const theme of taxonomy.themes) {
    if (theme.id.trim() === '') problems.push({ code: 'no_id', values: {} });
    else if (seen.has(theme.id)) problems.push({ code: 'id_twice', values: { id: theme.id } });
    seen.add(theme.id);
    if (theme.words.every((word) => word.trim() === '')) problems.push({ code: 'no_words', values: { theme: theme.label || theme.id } });
  }
  return problems;
}

export function englishTaxonomyProblem({ code, values }: TaxonomyProblem): string {
  switch (code) {
    case 'no_id':
      return 'A theme has no id.';
    case 'id_twice':
      return `The theme id "${values.id}" is used twice.`;
    case 'no_words':
      return `The theme "${values.theme}" has no words.`;
  }
}

/** The problems of a taxonomy in English; empty when valid. */
export function taxonomyProblems(taxonomy: Taxonomy): string[] {
  return taxonomyIssues(taxonomy).map(englishTaxonomyProblem);
}
