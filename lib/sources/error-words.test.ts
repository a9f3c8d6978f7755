/** Errors with words: English as the message, each language's own words, kept across the messaging boundary and in storage. */
import { describe, expect, it } from 'vitest';
import { fromErrorInfo, toErrorInfo, errorWordsOf } from '../core/errors';
import { ErrorWordsSchema } from '../model/error-words';
import { sayWords, translator } from '../i18n';
import { englishOf, wordedError, words } from '../i18n/words';
import { normaliseSourceUrl } from './url';
import { SourceError } from './http/fetcher';
import { rowErrorWords } from '../import/row-context';
import { englishReason, rowProblem } from '../import/row-problem';

describe('error words', () => {
  it('an error’s message is its words in English; German and Japanese say them in theirs', () => {
    const error = wordedError('validation', words('error.typeToken', { vendor: 'Typeform' }), { field: 'token' });
    expect(error.message).toBe('Typeform: type the token');
    expect(sayWords(translator('de'), errorWordsOf(error))).toBe('Typeform: Geben Sie den Token ein');
    expect(sayWords(translator('ja'), errorWordsOf(error))).toBe('Typeform：トークンを入力してください');
  });

  it('crosses the messaging boundary with its words, code and field', () => {
    const error = wordedError('permission', words('error.notAllowed', { origin: 'https://nps.example.com' }));
    const again = fromErrorInfo(structuredClone(toErrorInfo(error)));
    expect(again.code).toBe('permission');
    expect(again.message).toBe(error.message);
    expect(sayWords(translator('fr'), errorWordsOf(again))).toBe(
      'Le navigateur n’a pas autorisé l’accès à https://nps.example.com : utilisez Enregistrer dans la page d’options pour l’autoriser.',
    );
  });

  it('a source’s refusal keeps the server’s reason as written inside the language’s words', () => {
    const error = new SourceError(words('error.source.refused', { what: 'GET /accounts', detail: '401: token expired' }), 'auth', { status: 401 });
    expect(error.message).toBe('GET /accounts: the source refused the token (401: token expired)');
    expect(sayWords(translator('es'), errorWordsOf(error))).toBe('GET /accounts: la fuente rechazó el token (401: token expired)');
    // A caller's own text stays as written, with no words.
    expect(errorWordsOf(new SourceError('as written', 'invalid'))).toBeUndefined();
  });

  it('a URL the token may not go to is refused in the person’s language', () => {
    let thrown: unknown;
    try {
      normaliseSourceUrl('http://nps.example.com/');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toMatch(/^The source URL must use https:\/\//);
    expect(sayWords(translator('de'), errorWordsOf(thrown))).toMatch(/^Die URL der Quelle muss https:\/\/ verwenden/);
  });

  it('words inside words: a survey tool’s answer that stops a sync, in English word for word and in Portuguese', () => {
    const problem = rowProblem('score_range');
    const row = { row: 3, column: 'score', value: '11', problem, reason: `(answer R_1) ${englishReason(problem)}`, answer: 'R_1' };
    const said = words('error.vendorRow', { vendor: 'Qualtrics', problem: rowErrorWords(row) });
    expect(englishOf(said)).toBe('Qualtrics: Row 3: score — "11" (answer R_1) is not an integer from 0 to 10');
    expect(sayWords(translator('pt-BR'), said)).toBe('Qualtrics: Linha 3: score — “11” (resposta R_1) não é um número inteiro de 0 a 10');
    // Stored as it is (a connector's last failure), and read back valid.
    expect(ErrorWordsSchema.parse(JSON.parse(JSON.stringify(said)))).toEqual(said);
  });

  it('words the files do not have are not said (the message as written is shown instead)', () => {
    expect(sayWords(translator('de'), { key: 'error.nothingLikeThis' })).toBeNull();
    expect(sayWords(translator('de'), { key: 'error.vendorRow', values: { vendor: 'X', problem: { key: 'nope' } } })).toBeNull();
  });
});
