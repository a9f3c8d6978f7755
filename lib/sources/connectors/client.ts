/**
 * A connector's HTTP client: the data source's fetcher (timeouts, retries with backoff, `Retry-After`
 * on 429/503, the origin's permission checked before each request, every body validated with zod), with
 * the vendor's name in every error and the vendor's way of sending the token.
 */
import type { z } from 'zod';
import { SourceFetcher, type FetcherOptions } from '../http/fetcher';

export interface ConnectorClientOptions extends Omit<FetcherOptions, 'label' | 'authHeaders' | 'getToken'> {
  vendor: string;
  /** The token, read when a request starts; given only to `baseUrl`'s origin. */
  getToken: (origin: string) => Promise<string | null>;
  authHeaders?: (token: string) => Record<string, string>;
}

export class ConnectorClient {
  private readonly fetcher: SourceFetcher;
  readonly vendor: string;

  constructor(options: ConnectorClientOptions) {
    const { vendor, ...rest } = options;
    this.vendor = vendor;
    this.fetcher = new SourceFetcher({ ...rest, label: vendor });
  }

  get origin(): string {
    return this.fetcher.origin;
  }

  get<T>(path: string, schema: z.ZodType<T>, query?: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
    return this.fetcher.request({ method: 'GET', path, query: toQuery(query), schema, signal });
  }

  post<T>(path: string, body: unknown, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    return this.fetcher.request({ method: 'POST', path, body, schema, signal });
  }

  /** A URL the vendor gave (a `next` link) as a path and query on this client's origin; null when it is elsewhere. */
  relative(url: string): { path: string; query: Record<string, string> } | null {
    const parsed = new URL(url, this.fetcher.url('/').href);
    if (parsed.origin !== this.origin) return null;
    return { path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) };
  }
}

function toQuery(query?: Record<string, string | number | undefined>): URLSearchParams | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params;
}
