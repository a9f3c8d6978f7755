/**
 * Streaming CSV records from a Blob or a string, in a browser (window or worker) and in Node alike.
 *
 * Papa's own Blob path (FileStreamer) needs FileReader, which Node lacks, and decodes each byte slice on
 * its own, which breaks characters split across slices. So the bytes are read here (`Blob.slice` +
 * `arrayBuffer`), decoded by one streaming TextDecoder (UTF-8, or UTF-16 LE/BE from the BOM), and the
 * text, its line endings made one (LF), is fed to Papa's low-level `Parser` with `ignoreLastRow`, carrying the unfinished last record
 * over to the next chunk, the same way Papa's ChunkStreamer does. The caller pulls one chunk at a time,
 * so a slow consumer holds the reading back (back-pressure) without pause/resume callbacks.
 */
import Papa from 'papaparse';

export type CsvSource = Blob | string;

export interface ReadOptions {
  /** Bytes (characters for a string) read per step; default 1 MiB. */
  chunkSize?: number;
  /** Force an encoding (a TextDecoder label) instead of detecting it. */
  encoding?: string;
  signal?: AbortSignal;
}

export interface RecordChunk {
  /** Complete CSV records, fields unquoted; `firstRecord` is the 1-based record number of `records[0]`. */
  records: string[][];
  firstRecord: number;
  /** Record numbers (1-based) whose quoting was malformed. */
  malformed: number[];
  /** The record (1-based) whose opening quote is never closed: it runs to the end of the file. */
  unclosed: number | null;
  /** The text the records were parsed from (with the start of the next record, when one is cut off). */
  text: string;
  /** Bytes consumed so far and in all. */
  bytes: number;
  totalBytes: number;
  delimiter: string;
  encoding: string;
}

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];
/** Text gathered before guessing the delimiter and line ending, unless the file ends first. */
const SNIFF_LINES = 20;
const SNIFF_CHARS = 64 * 1024;

export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The import was cancelled', 'AbortError');
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

/** The encoding from the first bytes: a BOM, NUL bytes of BOM-less UTF-16, else UTF-8 unless it does not decode. */
export function detectEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    const n = Math.min(head.length & ~1, 512);
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    if (oddNul > n / 4 && evenNul === 0) return 'utf-16le';
    if (evenNul > n / 4 && oddNul === 0) return 'utf-16be';
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    // Spreadsheets on Windows still save "CSV" in the ANSI code page.
    return 'windows-1252';
  }
}

/**
 * The file's bytes stop being valid UTF-8 at `byte` (its row, as far as the reader got, in `row`): a
 * character saved in another encoding (Windows-1252, say) after a start that was UTF-8. Decoding on
 * would store U+FFFD in its place, so the reader stops instead.
 */
export class CsvEncodingError extends Error {
  override readonly name = 'CsvEncodingError';
  constructor(
    readonly byte: number,
    readonly row: number,
    /** The chunk's text before the bad byte (for the reader to count the row). */
    readonly textBefore = '',
  ) {
    super(`Row ${row}: the file is not valid UTF-8 here (byte ${byte + 1}); it may mix encodings. Save it as UTF-8 and import again.`);
  }
}

interface TextChunk {
  text: string;
  bytes: number;
  totalBytes: number;
  done: boolean;
  encoding: string;
}

async function* textChunks(source: CsvSource, options: ReadOptions): AsyncGenerator<TextChunk> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  if (typeof source === 'string') {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    if (text.length === 0) yield { text: '', bytes: 0, totalBytes: 0, done: true, encoding: 'utf-16' };
    for (let start = 0; start < text.length; start += chunkSize) {
      throwIfAborted(options.signal);
      const end = Math.min(text.length, start + chunkSize);
      yield { text: text.slice(start, end), bytes: end, totalBytes: text.length, done: end >= text.length, encoding: 'utf-16' };
    }
    return;
  }
  const totalBytes = source.size;
  let decoder: TextDecoder | null = null;
  let encoding = options.encoding ?? 'utf-8';
  let start = 0;
  let first = true;
  do {
    throwIfAborted(options.signal);
    const end = Math.min(totalBytes, start + chunkSize);
    const bytes = new Uint8Array(await source.slice(start, end).arrayBuffer());
    throwIfAborted(options.signal);
    if (!decoder) {
      encoding = options.encoding ?? detectEncoding(bytes.subarray(0, 64 * 1024));
      // UTF-8 is checked all the way: bad bytes far into the file are an error, never U+FFFD.
      decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    }
    const chunkStart = start;
    start = end;
    const done = start >= totalBytes;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !done });
    } catch {
      const lossy = new TextDecoder('utf-8').decode(bytes);
      const at = Math.max(0, lossy.indexOf('\uFFFD'));
      // The row is counted by the caller from the text before the bad byte.
      const textBefore = lossy.slice(0, at);
      throw new CsvEncodingError(chunkStart + new TextEncoder().encode(textBefore).length, 0, textBefore);
    }
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    yield { text, bytes: start, totalBytes, done, encoding };
  } while (start < totalBytes);
}

/** CRLF and lone CR as LF. */
export function normaliseLineEndings(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** The delimiter that splits the header into most columns while the following records agree with it. */
export function guessDelimiter(sample: string, newline: '\n', complete: boolean): string {
  let best = { delimiter: ',', agreeing: -1, width: 0 };
  for (const delimiter of DELIMITERS) {
    const parser = new Papa.Parser({ delimiter, newline, preview: SNIFF_LINES });
    const rows = (parser.parse(sample, 0, !complete) as { data: string[][] }).data;
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    let agreeing = 0;
    for (const row of rows) if (row.length === width) agreeing++;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && width > best.width)) best = { delimiter, agreeing, width };
  }
  return best.delimiter;
}

function countLineBreaks(text: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && count < limit; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

interface PapaParseResult {
  data: string[][];
  errors: Array<{ code: string; row: number }>;
  meta: { cursor: number };
}

/** Complete records, chunk by chunk; a record split across chunks is joined before it is parsed. */
export async function* readRecords(source: CsvSource, options: ReadOptions = {}): AsyncGenerator<RecordChunk> {
  let parser: Papa.Parser | null = null;
  let delimiter = ',';
  let pending = '';
  let carry = '';
  let nextRecord = 1;
  const chunks = textChunks(source, options);
  for (;;) {
    let next: IteratorResult<TextChunk>;
    try {
      next = await chunks.next();
    } catch (error) {
      if (!(error instanceof CsvEncodingError)) throw error;
      // The row of the bad byte: the records before it, counted in the text read so far.
      const before = pending + normaliseLineEndings(carry + error.textBefore);
      const counted = (new Papa.Parser({ delimiter, newline: '\n' }).parse(before, 0, false) as PapaParseResult).data.length;
      throw new CsvEncodingError(error.byte, nextRecord + Math.max(0, counted - 1));
    }
    if (next.done) break;
    const chunk = next.value;
    // Line endings as one: a file that mixes CRLF and LF (rows pasted from elsewhere) still breaks into
    // the rows it shows. A CR at a chunk's end waits for the next chunk, which may start with its LF.
    let text = carry + chunk.text;
    carry = '';
    if (!chunk.done && text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    const input = pending + normaliseLineEndings(text);
    if (!parser) {
      if (!chunk.done && input.length < SNIFF_CHARS && countLineBreaks(input, SNIFF_LINES) < SNIFF_LINES) {
        pending = input;
        continue;
      }
      delimiter = guessDelimiter(input.slice(0, SNIFF_CHARS), '\n', chunk.done && input.length <= SNIFF_CHARS);
      parser = new Papa.Parser({ delimiter, newline: '\n' });
    }
    const result = parser.parse(input, 0, !chunk.done) as PapaParseResult;
    pending = chunk.done ? '' : input.slice(result.meta.cursor);
    const records = result.data;
    const malformed: number[] = [];
    let unclosed: number | null = null;
    for (const error of result.errors) {
      // An error on the unfinished last record is re-examined with the next chunk.
      if (error.row < records.length || chunk.done) malformed.push(nextRecord + error.row);
      if (chunk.done && error.code === 'MissingQuotes') unclosed = nextRecord + error.row;
    }
    yield {
      records, firstRecord: nextRecord, malformed, unclosed, text: input,
      bytes: chunk.bytes, totalBytes: chunk.totalBytes, delimiter, encoding: chunk.encoding,
    };
    nextRecord += records.length;
  }
}
