/**
 * Errors that keep what kind of failure they are across every boundary (the messaging between the
 * background and the pages included): a caller tells a conflict from a validation error from a full
 * disk by its `code`, never by parsing a message.
 */

export const ERROR_CODES = [
  /** Someone else changed the record since it was read (a source's `baseUpdatedAt` check). */
  'conflict',
  /** Input that breaks a rule; `field` (and `row`, for a file) say where. */
  'validation',
  /** The browser's storage quota is used up. */
  'storage_full',
  /** A request did not reach its server or got no answer. */
  'network',
  /** The server refused the token, or no token was given where one is needed. */
  'unauthorized',
  /** The browser has not granted the permission the work needs. */
  'permission',
  'not_found',
  /** The user or a newer request cancelled the work. */
  'cancelled',
  'timeout',
  /** A fault of ours or of the browser: nothing the user can correct. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error's sentence as a message of the UI's files (`error.<…>` in `lib/i18n/messages`) and its
 * values, so each page says it in its language; the English `message` stays for logs and Node. Values
 * that are themselves details from elsewhere (a server's reason, a network error) pass through as written.
 */
export interface ErrorWords {
  key: string;
  /** A value may be words itself (a row's problem inside a sync's failure), said first. */
  values?: Record<string, string | number | ErrorWords>;
}

/** Where a validation error points, as far as it is known, and the words that tell it. */
export interface ErrorWhere {
  words?: ErrorWords;
  field?: string;
  /** The spreadsheet row (the header is row 1). */
  row?: number;
  /** The request, for a source: `GET /accounts/acme/context`. */
  request?: string;
}

/** What crosses the messaging boundary (structured-clone safe). */
export interface ErrorInfo extends ErrorWhere {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where: ErrorWhere = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  info(): ErrorInfo {
    return { code: this.code, message: this.message, ...this.where };
  }
}

/** The text of any thrown value (one place for the `error instanceof Error ? …` every caller wrote). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The code of any thrown value: ours keep theirs; the browser's and zod's are classified by name. */
export function errorCode(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  const carried = (error as { code?: unknown } | null)?.code;
  if (isErrorCode(carried)) return carried;
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'QuotaExceededError':
      return 'storage_full';
    case 'AbortError':
      return 'cancelled';
    case 'TimeoutError':
      return 'timeout';
    case 'ZodError':
      return 'validation';
    case 'NotFoundError':
      return 'not_found';
    default:
      // `fetch` rejects with a plain TypeError when the network fails.
      return name === 'TypeError' && /fetch|network/i.test(errorText(error)) ? 'network' : 'internal';
  }
}

/** The words of a thrown value (or of a reply's error), when it has them. */
export function errorWordsOf(error: unknown): ErrorWords | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const own = (error as { words?: unknown }).words ?? (error as { where?: { words?: unknown } }).where?.words;
  return own && typeof own === 'object' && typeof (own as ErrorWords).key === 'string' ? (own as ErrorWords) : undefined;
}

/** A thrown value as it crosses the messaging boundary. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.info();
  const info: ErrorInfo = { code: errorCode(error), message: errorText(error) };
  const issues = (error as { issues?: Array<{ path?: PropertyKey[] }> } | null)?.issues;
  if (info.code === 'validation' && Array.isArray(issues) && issues[0]?.path?.length) {
    info.field = issues[0].path.map(String).join('.');
  }
  return info;
}

/** The error again on the calling side, with its code. */
export function fromErrorInfo(info: ErrorInfo): AppError {
  const { code, message, ...where } = info;
  return new AppError(isErrorCode(code) ? code : 'internal', message, where);
}
