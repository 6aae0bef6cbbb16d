import { useEffect, useRef } from 'react';
import type { EventPayloads } from '../../shared/api';
import type { ConnectedApi } from './api-client';

export interface ShellRequestHandlers {
  /** A feed link: open the add-feed dialog with it (never add without the user). */
  addFeed(request: EventPayloads['addFeedRequested']): void;
  /** A notification was clicked: show that item (null: every item). */
  openItem(itemId: number | null): void;
}

/** What the desktop shell asks of the page. The browser host never sends these. */
export function useShellRequests(api: ConnectedApi, handlers: ShellRequestHandlers) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const offs = [
      api.on('addFeedRequested', (request) => ref.current.addFeed(request)),
      api.on('itemOpenRequested', ({ itemId }) => ref.current.openItem(itemId)),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
}
