import { DEFAULT_TAXONOMY } from '../../lib/insights/taxonomy';
import type { Taxonomy } from '../../lib/insights/types';

/** A theme's label in the taxonomy, or its id when the taxonomy no longer has it. */
export function themeLabel(id: string, taxonomy: Taxonomy = DEFAULT_TAXONOMY): string {
  return taxonomy.themes.find((t) => t.id === id)?.label ?? id;
}
