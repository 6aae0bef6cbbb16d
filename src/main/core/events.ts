import type { EventName, EventPayloads } from '../../shared/api';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

export interface EventHub {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Every event, in order: what the IPC loop and the SSE stream forward. */
  onAny(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

/** A typed event hub. A throwing listener is logged and never stops the others. */
export function createEventHub(log: (message: string, error?: unknown) => void): EventHub {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const subscribe = (listener: (event: EventName, payload: unknown) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    on(event, listener) {
      return subscribe((name, payload) => {
        if (name === event) listener(payload as EventPayloads[typeof event]);
      });
    },
    onAny(listener) {
      return subscribe(listener as (event: EventName, payload: unknown) => void);
    },
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          log(`listener for ${event} failed`, error);
        }
      }
    },
  };
}
