/**
 * Comment insights (docs/insights.md): what each comment says (language, sentiment, emotions, themes with
 * their evidence) and what the panel shows from them. Pure; runs in Node, workers and the background.
 * Never import it from lib/content or lib/crm: the English model it bundles is megabytes.
 */
export { analyseComments, createCommentAnalyser, type CommentAnalyser } from './analyse';
export { insightsKey, ANALYSER_VERSION } from './key';
export { DEFAULT_TAXONOMY, taxonomyHash, taxonomyProblems, taxonomyIssues, englishTaxonomyProblem, type TaxonomyProblem } from './taxonomy';
export { EMOTION_WORDS } from './emotions';
export { ANALYSED_LANGUAGES } from './language';
export * from './types';
export * from './aggregate';
