/** The panel's insights (computed in the background: `lib/insights/panel.ts`) and the helpers its components read them with. */
export { panelInsights, type PanelInsights } from '../../lib/insights/panel';
export { currentInsight } from '../../lib/insights/summary';
export { themeLabel } from '../shared/theme-label';
