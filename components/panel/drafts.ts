/**
 * The drafts of a follow-up the panel prefills: from a comment, or from a response waiting for one (the
 * title in the UI's language, the response linked, the answer quoted as context).
 */
import type { RecentComment, WaitingResponse } from '../../lib/nps';
import { formats, translator, type Translator } from '../../lib/i18n';
import { roleNoun } from '../shared/labels';
import type { ActionDraft } from './ActionForm';

const english = translator('en');

/** The draft of an action that follows up a comment: the title prefilled (in the UI's language), the response linked. */
export function draftFromComment(c: RecentComment, t: Translator = english): ActionDraft {
  const who = c.respondentName ?? c.respondentEmail ?? t('draft.theRole', { role: roleNoun(t, c.role) });
  const excerpt = c.comment.length > 80 ? `${c.comment.slice(0, 80)}…` : c.comment;
  const date = formats(t.locale).date(c.respondedAt);
  return {
    title: t('draft.title', { who, score: c.score }),
    responseId: c.responseId,
    context: t('draft.contextWithComment', { who, score: c.score, date, excerpt }),
  };
}

/** The draft of an action that follows up a response waiting for one. */
export function draftFromWaiting({ response: r, role }: WaitingResponse, t: Translator = english): ActionDraft {
  const who = r.respondentName?.trim() || r.respondentEmail?.trim() || t('draft.theRole', { role: roleNoun(t, role) });
  const comment = r.comment?.trim() ?? '';
  const excerpt = comment.length > 80 ? `${comment.slice(0, 80)}…` : comment;
  const date = formats(t.locale).date(r.respondedAt);
  return {
    title: t('draft.title', { who, score: r.score }),
    responseId: r.id,
    context: excerpt ? t('draft.contextWithComment', { who, score: r.score, date, excerpt }) : t('draft.context', { who, score: r.score, date }),
  };
}
