import localtunnel from 'localtunnel';
import { httpGet } from './http-get';

export interface OpenedTunnel {
  /** The URL the tunnel server gave (no port: see publicBaseUrl). */
  url: string;
  /** Called once when the tunnel reports a failure (the server went away, a socket broke). */
  onFailure(listener: (reason: string) => void): void;
  close(): void;
}

export interface OpenTunnelOptions {
  host: string;
  subdomain: string;
  localPort: number;
  timeoutMs: number;
}

/**
 * Opens a localtunnel to the callback server (and only to it: local_host and
 * port name that listener). The client retries an unreachable server forever
 * in the background, so reachability is checked first, and the whole opening
 * has a time limit.
 */
export async function openTunnel(options: OpenTunnelOptions): Promise<OpenedTunnel> {
  const host = options.host.replace(/\/+$/, '');
  try {
    await httpGet(`${host}/api/status`, options.timeoutMs);
  } catch (error) {
    throw new Error(`Could not reach the tunnel server ${new URL(host).host} (${reasonOf(error)}).`);
  }
  let failed: ((reason: string) => void) | null = null;
  let pendingReason: string | null = null;
  const report = (reason: string) => {
    if (failed) {
      const listener = failed;
      failed = null;
      listener(reason);
    } else pendingReason ??= reason;
  };
  const client = await new Promise<localtunnel.Tunnel>((resolve, reject) => {
    const timer = setTimeout(() => {
      tunnel.close();
      reject(new Error(`The tunnel server ${new URL(host).host} did not open a tunnel in time.`));
    }, options.timeoutMs);
    const tunnel = localtunnel(
      { port: options.localPort, local_host: '127.0.0.1', host, subdomain: options.subdomain },
      (error) => {
        clearTimeout(timer);
        if (error) reject(new Error(`The tunnel server refused the tunnel: ${reasonOf(error)}`));
        else resolve(tunnel);
      },
    );
    // Errors before and after opening: a refused connection means the server is gone.
    tunnel.on('error', (error: unknown) => report(`The tunnel broke (${reasonOf(error)}).`));
  });
  return {
    url: client.url,
    onFailure(listener) {
      if (pendingReason !== null) listener(pendingReason);
      else failed = listener;
    },
    close: () => client.close(),
  };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}
