import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import { ServiceEventSchema, type ServiceEvent } from '../../lib/model/events';

/**
 * Calls `onEvent` for each event the background broadcasts. Only messages from this extension's own
 * background (no tab, our id) that validate against the event schema are passed on.
 */
export function useServiceEvents(onEvent: (event: ServiceEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const parsed = ServiceEventSchema.safeParse(message);
      if (parsed.success) handler.current(parsed.data);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
}
