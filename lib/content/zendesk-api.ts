/**
 * Reads Zendesk's same-origin REST API for the record on screen, as the agent: GET only, with the
 * session cookie, one path at a time, each with a timeout, at most a few paths and a bounded body. The
 * bodies go to the background unread (it validates them with zod); this file only picks the next path.
 */
import { nextStep, organizationApiPath, zendeskApiPaths } from '../crm/zendesk/api-paths';
import type { PageContext } from '../crm/types';

/** Paths per record: the ticket or user, then its organization. */
const MAX_STEPS = 3;
const STEP_TIMEOUT_MS = 4000;
/** Zendesk side-loads every user of a ticket; a body larger than this is not worth sending on. */
const MAX_BODY_CHARS = 512 * 1024;

export interface ZendeskApiOptions {
  /** Aborts the exchange (the agent navigated away). */
  signal: AbortSignal;
  fetch?: typeof fetch;
  origin?: string;
}

async function getJson(path: string, options: Required<ZendeskApiOptions>): Promise<unknown> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(STEP_TIMEOUT_MS)]);
  const response = await options.fetch(new URL(path, options.origin).href, {
    method: 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal,
  });
  if (!response.ok) return undefined;
  const text = await response.text();
  return text.length <= MAX_BODY_CHARS ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * The raw bodies of the API responses that resolve the page's organization, in the order they were
 * read. A failed, slow or oversized response ends the exchange with what was read so far; nothing
 * here throws except an abort.
 */
export async function readZendeskApi(page: PageContext, options: ZendeskApiOptions): Promise<unknown[]> {
  const opts: Required<ZendeskApiOptions> = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    origin: options.origin ?? location.origin,
    signal: options.signal,
  };
  const fetched = new Set<string>();
  const known = { ...page.hints };
  const bodies: unknown[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const [path] = zendeskApiPaths({ ...page, hints: known }, fetched);
    if (!path) break;
    fetched.add(path);
    let body: unknown;
    try {
      body = await getJson(path, opts);
    } catch {
      opts.signal.throwIfAborted();
      break;
    }
    if (body === undefined) break;
    bodies.push(body);
    const next = nextStep(body);
    if (next.zendeskOrganizationId) {
      known.zendeskOrganizationId = next.zendeskOrganizationId;
      if (next.organizationLoaded) fetched.add(organizationApiPath(next.zendeskOrganizationId));
    }
  }
  opts.signal.throwIfAborted();
  return bodies;
}
