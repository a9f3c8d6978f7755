/// <reference lib="webworker" />
/**
 * The comment reader's thread: a dedicated worker of the offscreen document (`entrypoints/offscreen`).
 * Building the analysers and reading a page of comments take from tens of milliseconds to a second; on
 * the offscreen document's own thread they held up every page of the extension, which in Chromium
 * share that thread (the popup, the options page, the panels in CRM tabs).
 */
import { createCommentAnalyser, taxonomyHash, type CommentAnalyser } from './index';
import type { CommentInsight, Taxonomy } from './types';

/** What the offscreen document asks: the texts of one page of comments, read with `taxonomy`. */
export interface AnalyseRequest {
  id: number;
  texts: string[];
  taxonomy: Taxonomy;
}
/** The reading of a page, or why it failed. */
export type AnalyseAnswer = { ok: true; results: CommentInsight[] } | { ok: false; error: string };
export type AnalyseReply = AnalyseAnswer & { id: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** One analyser per taxonomy, built once (its vocabularies are compiled). */
let analyser: { hash: string; analyse: CommentAnalyser } | null = null;
function analyserFor(taxonomy: Taxonomy): CommentAnalyser {
  const hash = taxonomyHash(taxonomy);
  if (analyser?.hash !== hash) analyser = { hash, analyse: createCommentAnalyser({ taxonomy }) };
  return analyser.analyse;
}

scope.onmessage = (event: MessageEvent<AnalyseRequest>) => {
  const { id, texts, taxonomy } = event.data;
  let reply: AnalyseReply;
  try {
    const analyse = analyserFor(taxonomy);
    reply = { id, ok: true, results: texts.map((text) => analyse(text)) };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
