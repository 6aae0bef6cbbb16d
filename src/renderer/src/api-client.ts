import {
  eventNames,
  methodNames,
  type ApiError,
  type Envelope,
  type EventName,
  type EventPayloads,
  type MethodArgs,
  type MethodName,
  type MethodResults,
  type TidingsApi,
  type TidingsBridge,
} from '../../shared/api';

/** A failed call, carrying the core's code and its sentence for people. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
  }
}

export interface ConnectedApi extends TidingsApi {
  /** Called when the live event stream (re)connects: anything may have been missed before. */
  onReconnect(listener: () => void): () => void;
}

declare global {
  interface Window {
    tidings?: TidingsBridge;
  }
}

/** True in the Electron app (its preload put the bridge on window), false in a browser on the headless host. */
export function isDesktopApp(): boolean {
  return window.tidings !== undefined;
}

/** The Electron bridge when the preload put one on window, HTTP to the headless host otherwise. */
export function connectApi(): ConnectedApi {
  const reconnectListeners = new Set<() => void>();
  const bridge = window.tidings ?? httpBridge(() => reconnectListeners.forEach((listener) => listener()));
  const api = {
    on: bridge.on,
    onReconnect(listener: () => void) {
      reconnectListeners.add(listener);
      return () => void reconnectListeners.delete(listener);
    },
  } as ConnectedApi;
  for (const method of methodNames) {
    (api as unknown as Record<string, unknown>)[method] = async (arg: unknown) => {
      const envelope = await bridge.invoke(method, arg as never);
      if (!envelope.ok) throw new ApiCallError(envelope.error);
      return envelope.value;
    };
  }
  return api;
}

function httpBridge(onReconnect: () => void): TidingsBridge {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('tidings-token', fromUrl);
    // Keep the token out of the address bar and history once it is stored.
    params.delete('token');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
  }
  const token = fromUrl ?? sessionStorage.getItem('tidings-token') ?? '';
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  let opened = false;

  const openStream = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => {
      if (opened) onReconnect();
      opened = true;
    };
    for (const event of eventNames) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse((message as MessageEvent<string>).data) as never;
        listeners.get(event)?.forEach((listener) => listener(payload));
      });
    }
  };

  return {
    async invoke<M extends MethodName>(method: M, arg: MethodArgs[M]): Promise<Envelope<MethodResults[M]>> {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(arg ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'UNREACHABLE', message: 'Tidings is not running any more.' } };
      }
      return (await response.json()) as Envelope<MethodResults[M]>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      if (!source) openStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
}
