// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { messagesChunk, preloadMessages } from './messages-preload';

describe('preloadMessages', () => {
  it("adds a module preload of the browser's language's messages chunk, else English's", () => {
    const german = preloadMessages(document, ['de-AT', 'en']);
    expect(german.rel).toBe('modulepreload');
    expect(new URL(german.href).pathname).toBe('/chunks/messages-de.js');
    expect(document.head.contains(german)).toBe(true);
    expect(new URL(preloadMessages(document, ['pt-PT']).href).pathname).toBe(messagesChunk('pt-BR'));
    expect(new URL(preloadMessages(document, ['ko']).href).pathname).toBe(messagesChunk('en'));
  });
});
