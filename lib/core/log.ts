/**
 * One small logger: background work that fails (a sync, an alarm, a write to the source) is recorded,
 * never swallowed. Entries carry an area and a code, never customer data: messages are cut short and
 * email addresses in them are masked. Where entries go is set once per context (`setLogSink`): the
 * background keeps the last ones for the options page's diagnostics; elsewhere they go to the console.
 */
import { errorCode, errorText, type ErrorCode } from './errors';

export type LogLevel = 'error' | 'warn' | 'info';

export interface LogEntry {
  at: number;
  level: LogLevel;
  /** What was running: `sync`, `outbox`, `alarm`, `import`, `store` … */
  area: string;
  message: string;
  code?: ErrorCode;
}

export type LogSink = (entry: LogEntry) => void;

const MAX_MESSAGE = 300;
const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/gi;

/** A message fit for a support ticket: no email addresses, no long customer text. */
export function redact(message: string): string {
  const masked = message.replace(EMAIL, '<email>');
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE - 1)}…` : masked;
}

const consoleSink: LogSink = (entry) => {
  const line = `[${entry.area}] ${entry.message}${entry.code ? ` (${entry.code})` : ''}`;
  if (entry.level === 'error') console.error(line);
  else if (entry.level === 'warn') console.warn(line);
  else console.info(line);
};

let sink: LogSink = consoleSink;

/** Where this context's entries go from now on (the background's diagnostics keeps them). */
export function setLogSink(next: LogSink | null): void {
  sink = next ?? consoleSink;
}

export interface Logger {
  error(what: string, error?: unknown): void;
  warn(what: string, error?: unknown): void;
  info(what: string): void;
  /** For a promise whose failure must not stop the caller but must leave a trace: `.catch(log.failed('…'))`. */
  failed(what: string): (error: unknown) => void;
}

export function createLogger(area: string, now: () => number = Date.now): Logger {
  const write = (level: LogLevel, what: string, error?: unknown) => {
    const message = redact(error === undefined ? what : `${what}: ${errorText(error)}`);
    const entry: LogEntry = { at: now(), level, area, message };
    if (error !== undefined) entry.code = errorCode(error);
    try {
      sink(entry);
    } catch {
      consoleSink(entry);
    }
  };
  return {
    error: (what, error) => write('error', what, error),
    warn: (what, error) => write('warn', what, error),
    info: (what) => write('info', what),
    failed: (what) => (error) => write('error', what, error),
  };
}
