/**
 * Which analyser and taxonomy made a stored result: a small file of its own, so the background and the
 * store can tell stale results without loading the analyser (which bundles the English model).
 */
import { DEFAULT_TAXONOMY, taxonomyHash } from './taxonomy';
import type { Taxonomy } from './types';

/**
 * The analyser's version: stored results made by another version, or with another taxonomy hash, are
 * recomputed. Change it whenever a change can change a result (vocabularies, cues, rules, libraries).
 */
export const ANALYSER_VERSION = 'insights-1';

/** The key under which a result is stored: recompute when it differs from the stored one. */
export function insightsKey(taxonomy: Taxonomy = DEFAULT_TAXONOMY): string {
  return `${ANALYSER_VERSION}:${taxonomyHash(taxonomy)}`;
}
