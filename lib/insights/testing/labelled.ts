/**
 * The labelled evaluation set (labelled-comments.txt), read for the evaluation script and the floor test.
 * Node only: tests and scripts read it, the extension never does.
 */
import { readFileSync } from 'node:fs';
import type { EmotionId, SentimentLabel } from '../types';

export interface LabelledComment {
  /** 1-based line among the comments. */
  index: number;
  half: 'dev' | 'test';
  language: string;
  /** Whether the analysers should read it: English or `und` with labels. */
  analysable: boolean;
  sentiment: SentimentLabel | null;
  themes: string[];
  emotions: EmotionId[];
  text: string;
}

const SENTIMENTS: Record<string, SentimentLabel> = { pos: 'positive', neg: 'negative', neu: 'neutral', mix: 'mixed' };

function list(cell: string): string[] {
  return cell.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function parseLabelled(source: string): LabelledComment[] {
  const rows = source.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return rows.map((line, position) => {
    const [language = '', sentiment = '', themes = '', emotions = '', ...rest] = line.split('|');
    const text = rest.join('|');
    const label = sentiment === '' ? null : SENTIMENTS[sentiment];
    if (label === undefined) throw new Error(`labelled set line ${position + 1}: unknown sentiment "${sentiment}"`);
    return {
      index: position + 1,
      half: position % 2 === 0 ? 'dev' : 'test',
      language,
      analysable: label !== null,
      sentiment: label,
      themes: list(themes),
      emotions: list(emotions) as EmotionId[],
      text,
    };
  });
}

export function loadLabelled(): LabelledComment[] {
  return parseLabelled(readFileSync(new URL('./labelled-comments.txt', import.meta.url), 'utf8'));
}
