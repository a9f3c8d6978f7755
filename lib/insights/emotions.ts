/**
 * The emotion vocabularies of docs/insights.md: the product's knowledge of how B2B customers say what they
 * feel. Matched like theme words (word forms, phrases, longest match first), but a word inside a negation
 * ("not frustrated", "never lets us down") does not count, unless the phrase itself holds the negation
 * ("don't understand").
 */
import type { EmotionId } from './types';

export const EMOTION_WORDS: Readonly<Record<EmotionId, readonly string[]>> = {
  frustration: [
    'frustrated', 'frustrating', 'frustration', 'stuck', 'blocked', 'block us', 'waste', 'wasted', 'wasting',
    'nightmare', "can't get anything done", 'give up', 'given up', 'fight', 'fighting', 'struggle', 'start over',
    'redo', 'double work', 'by hand', "can't work", 'killing us', 'impossible',
  ],
  anger: [
    'angry', 'furious', 'outrage', 'outraged', 'outrageous', 'unacceptable', 'ridiculous', 'scam', 'rude', 'hostile',
    'disgusted', 'livid', 'a joke', 'is a joke', 'mad', 'dismissive', 'appalling', 'shameful', 'disgrace',
  ],
  annoyance: [
    'annoying', 'annoyed', 'annoyance', 'irritating', 'irritated', 'irritation', 'drive me nuts', 'drives me nuts',
    'tedious', 'nag', 'nagging', 'pesky', 'getting old', 'it adds up', 'bother', 'bothersome', '🙄', 'again and again',
  ],
  disappointment: [
    'disappointed', 'disappointing', 'disappointment', 'let down', 'letdown', 'expected', 'expected more',
    'expected better', 'hoped', 'hoping for', 'sadly', 'not what we were sold', 'used to be', 'underwhelming',
    'underwhelmed', 'promised',
  ],
  confusion: [
    'confused', 'confusing', 'confusion', 'get lost', 'feel lost', "i'm lost", "don't understand", "can't understand",
    'not understand', 'unclear', 'no idea', "can't figure out", 'not figure out', 'puzzled', 'puzzling', 'where is',
    'how is this supposed', "don't know what to do", 'contradict', 'makes no sense',
  ],
  worry: [
    'worried', 'worry', 'worrying', 'concerned', 'concern', 'afraid', 'fear', 'scared', 'nervous', 'anxious',
    'risk', 'risky', 'uncertain', 'not sure we will renew',
  ],
  delight: [
    'love', 'loving', 'amazing', 'amazed', 'wow', 'incredible', 'delighted', 'delightful', 'joy', 'thrilled',
    'blown away', '😍', '❤️', '❤', '🤩', '🥰',
  ],
  gratitude: [
    'thank', 'thanks', 'thank you', 'grateful', 'appreciate', 'kudos', 'shout out', 'shoutout', '🙏',
  ],
};

/** Phrases that hold an emotion's word without the emotion: a wish ("would love"), a neutral "as expected". */
export const EMOTION_IGNORE: readonly string[] = [
  'would love', "we'd love", "i'd love", 'love to see', 'as expected', 'thanks to the chat', 'lost leads',
  'lost hundreds', 'lovely',
];
