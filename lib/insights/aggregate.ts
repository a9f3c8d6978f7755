/**
 * What the panel shows from analysed comments (docs/insights.md, "What the panel shows"), as pure
 * functions over the window's responses: each response's score, its comment and the comment's insight.
 */
// The files, not lib/nps/index: its account context brings zod along, which a worker may not need.
import { classifyScore, type NpsCategory } from '../nps/classify';
import { adjustedWaldInterval, type NpsInterval } from '../nps/interval';
import { countScores, npsFromCounts, type NpsCounts } from '../nps/nps';
import { compareCounts, type Significance } from '../nps/significance';
import { EMOTION_IDS, type CommentInsight, type EmotionId } from './types';

export interface InsightResponse {
  /** The NPS answer, 0–10. */
  score: number;
  /** The comment as written; empty or absent when the respondent wrote none. */
  comment?: string | null;
  /** The comment's insight; null or absent when there is no comment. */
  insight?: CommentInsight | null;
  /** Who answered; when given, a respondent who mentions a theme twice counts once. */
  respondentId?: string;
}

function hasComment(response: InsightResponse): boolean {
  return typeof response.comment === 'string' && response.comment.trim() !== '';
}

function analysed(response: InsightResponse): CommentInsight | null {
  return hasComment(response) && response.insight?.analysed ? response.insight : null;
}

function respondentKey(response: InsightResponse, index: number): string {
  return response.respondentId ?? `#${index}`;
}

/** Coverage, always: "from 23 comments of 50 responses; 3 in languages not analysed". */
export interface CommentCoverage {
  responses: number;
  comments: number;
  analysed: number;
  /** Comments not analysed, by language code (`und` included), most frequent first. */
  notAnalysed: { language: string; count: number }[];
}

export function commentCoverage(responses: readonly InsightResponse[]): CommentCoverage {
  let comments = 0;
  let analysedCount = 0;
  const languages = new Map<string, number>();
  for (const response of responses) {
    if (!hasComment(response)) continue;
    comments++;
    if (response.insight?.analysed) analysedCount++;
    else {
      const language = response.insight?.language ?? 'und';
      languages.set(language, (languages.get(language) ?? 0) + 1);
    }
  }
  const notAnalysed = [...languages]
    .map(([language, count]) => ({ language, count }))
    .sort((a, b) => b.count - a.count || a.language.localeCompare(b.language));
  return { responses: responses.length, comments, analysed: analysedCount, notAnalysed };
}

export interface ThemeMention {
  id: string;
  /** How many respondents of the group mention it. */
  respondents: number;
  /** One short comment of the group that mentions it, as text (the shortest; ties: the first). */
  quote: string;
}

/** A quote no longer than this many characters is preferred; a longer one is cut at a word. */
export const QUOTE_MAX_LENGTH = 160;

function shorten(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.length <= QUOTE_MAX_LENGTH) return trimmed;
  const cut = trimmed.slice(0, QUOTE_MAX_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

function themesOfGroup(responses: readonly InsightResponse[], category: NpsCategory, minRespondents: number): ThemeMention[] {
  const who = new Map<string, Set<string>>();
  const quote = new Map<string, string>();
  responses.forEach((response, index) => {
    const insight = analysed(response);
    if (!insight || classifyScore(response.score) !== category) return;
    const text = (response.comment ?? '').trim();
    for (const theme of insight.themes) {
      const set = who.get(theme.id) ?? new Set<string>();
      set.add(respondentKey(response, index));
      who.set(theme.id, set);
      const current = quote.get(theme.id);
      if (current === undefined || text.length < current.length) quote.set(theme.id, text);
    }
  });
  return [...who]
    .map(([id, set]) => ({ id, respondents: set.size, quote: shorten(quote.get(id) ?? '') }))
    .filter((mention) => mention.respondents >= minRespondents)
    .sort((a, b) => b.respondents - a.respondents || a.id.localeCompare(b.id));
}

/** "What they are saying": themes most mentioned by detractors and by promoters (two or more respondents). */
export function whatTheyAreSaying(
  responses: readonly InsightResponse[],
  options: { minRespondents?: number } = {},
): { detractors: ThemeMention[]; promoters: ThemeMention[] } {
  const min = options.minRespondents ?? 2;
  return { detractors: themesOfGroup(responses, 'detractor', min), promoters: themesOfGroup(responses, 'promoter', min) };
}

export interface NpsSide {
  counts: NpsCounts;
  nps: number | null;
  interval: NpsInterval;
}

export interface ThemeDriver {
  id: string;
  /** Respondents who mention the theme. */
  respondents: number;
  /** Responses whose analysed comment mentions the theme. */
  mentioning: NpsSide;
  /** All other responses given. */
  rest: NpsSide;
  /** The change from `rest` to `mentioning` by the rule of docs/nps-method.md; a driver only when significant. */
  significance: Significance;
  /** 'up' or 'down' only when significant, else 'none'. */
  direction: Significance['direction'];
}

function side(scores: number[]): NpsSide {
  const counts = countScores(scores);
  return { counts, nps: npsFromCounts(counts), interval: adjustedWaldInterval(counts) };
}

/**
 * Drivers: for each theme mentioned by at least `minRespondents` (5) respondents, the NPS of the responses
 * that mention it against all the other responses given, with N and intervals; `direction` is 'up' or
 * 'down' only when the difference is significant (|z| ≥ 1.96, docs/nps-method.md). Themes sorted by |z|.
 */
export function themeDrivers(responses: readonly InsightResponse[], options: { minRespondents?: number } = {}): ThemeDriver[] {
  const min = options.minRespondents ?? 5;
  const mentions = new Map<string, { indexes: Set<number>; respondents: Set<string> }>();
  responses.forEach((response, index) => {
    const insight = analysed(response);
    if (!insight) return;
    for (const theme of insight.themes) {
      const entry = mentions.get(theme.id) ?? { indexes: new Set<number>(), respondents: new Set<string>() };
      entry.indexes.add(index);
      entry.respondents.add(respondentKey(response, index));
      mentions.set(theme.id, entry);
    }
  });
  const drivers: ThemeDriver[] = [];
  for (const [id, entry] of mentions) {
    if (entry.respondents.size < min) continue;
    const inside: number[] = [];
    const outside: number[] = [];
    responses.forEach((response, index) => (entry.indexes.has(index) ? inside : outside).push(response.score));
    const mentioning = side(inside);
    const rest = side(outside);
    const significance = compareCounts(rest.counts, mentioning.counts);
    drivers.push({ id, respondents: entry.respondents.size, mentioning, rest, significance, direction: significance.direction });
  }
  return drivers.sort((a, b) => Math.abs(b.significance.z ?? 0) - Math.abs(a.significance.z ?? 0) || a.id.localeCompare(b.id));
}

/** Respondents showing each emotion among detractors and among passives (every emotion listed, zeros too). */
export function emotionCounts(responses: readonly InsightResponse[]): {
  detractors: Record<EmotionId, number>;
  passives: Record<EmotionId, number>;
} {
  const empty = () => Object.fromEntries(EMOTION_IDS.map((id) => [id, new Set<string>()])) as Record<EmotionId, Set<string>>;
  const detractors = empty();
  const passives = empty();
  responses.forEach((response, index) => {
    const insight = analysed(response);
    if (!insight) return;
    const category = classifyScore(response.score);
    const target = category === 'detractor' ? detractors : category === 'passive' ? passives : null;
    if (!target) return;
    for (const emotion of insight.emotions) target[emotion.id].add(respondentKey(response, index));
  });
  const sizes = (sets: Record<EmotionId, Set<string>>) =>
    Object.fromEntries(EMOTION_IDS.map((id) => [id, sets[id].size])) as Record<EmotionId, number>;
  return { detractors: sizes(detractors), passives: sizes(passives) };
}

export interface Contradiction<R extends InsightResponse = InsightResponse> {
  response: R;
  /** 'negative_promoter': a 9 or 10 with a negative comment; 'positive_detractor': a 0–6 with a positive one. */
  kind: 'negative_promoter' | 'positive_detractor';
}

/**
 * "Read this one": responses whose comment's sentiment contradicts the score, strongest sentiment first.
 * Mixed and neutral comments contradict nothing; passives are never contradicted.
 */
export function contradictions<R extends InsightResponse>(responses: readonly R[]): Contradiction<R>[] {
  const found: Contradiction<R>[] = [];
  for (const response of responses) {
    const sentiment = analysed(response)?.sentiment;
    if (!sentiment) continue;
    const category = classifyScore(response.score);
    if (category === 'promoter' && sentiment.label === 'negative') found.push({ response, kind: 'negative_promoter' });
    if (category === 'detractor' && sentiment.label === 'positive') found.push({ response, kind: 'positive_detractor' });
  }
  return found.sort((a, b) => Math.abs(b.response.insight!.sentiment!.score) - Math.abs(a.response.insight!.sentiment!.score));
}
