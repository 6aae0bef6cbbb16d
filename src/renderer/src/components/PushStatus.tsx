import { useState } from 'react';
import type { Settings, Status } from '../../../shared/api';

interface Props {
  status: Status;
  settings: Settings | null;
  update(patch: Partial<Settings>): Promise<unknown>;
  onError(message: string): void;
}

/** One status-bar line: how pushes reach Tidings (tunnel or own URL), how many feeds are live, and why not. */
function summary(status: Status): string {
  const { push, tunnel, feedsByMode } = status;
  const counts = `${feedsByMode.push} live by push · ${status.feedCount - feedsByMode.push} polled`;
  if (push.state === 'off') return `Push off · ${counts}`;
  if (tunnel.state === 'connecting') return `Tunnel connecting… · ${counts}`;
  if (tunnel.state === 'down') return `Tunnel down · ${counts}`;
  if (push.state === 'up') return `Push ${tunnel.state === 'up' ? 'via tunnel' : 'up'} · ${counts}`;
  return `Push ${push.state} · ${counts}`;
}

export function PushStatus({ status, settings, update, onError }: Props) {
  const [open, setOpen] = useState(false);
  const why = status.tunnel.reason ?? status.push.reason;
  const save = async (patch: Partial<Settings>) => {
    try {
      await update(patch);
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <span className="poll-settings push-status">
      <button
        type="button"
        className={`push-${status.push.state} tunnel-${status.tunnel.state}`}
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        title={why ?? status.push.publicUrl ?? ''}
      >
        {summary(status)}
      </button>
      {open && (
        <div className="poll-settings-panel" role="group" aria-label="Push">
          <p className="hint">
            {status.push.publicUrl ? `Hubs reach Tidings at ${status.push.publicUrl}.` : 'No public address right now.'}
            {why ? ` ${why}` : ''}
          </p>
          {settings && (
            <>
              <label className="push-toggle">
                <input
                  type="checkbox"
                  checked={settings.pushEnabled}
                  onChange={(event) => void save({ pushEnabled: event.target.checked })}
                />
                <span>Receive pushes (off: every feed is polled)</span>
              </label>
              <label className="tunnel-host" key={`public-${settings.publicUrl ?? ''}`}>
                <span>Own public address</span>
                <input
                  type="url"
                  placeholder="none: use the tunnel"
                  title="A reverse proxy's address that reaches Tidings' callback server; leave empty to use the tunnel"
                  defaultValue={settings.publicUrl ?? ''}
                  onBlur={(event) => {
                    const value = event.target.value.trim() || null;
                    if (value !== settings.publicUrl) void save({ publicUrl: value });
                  }}
                />
              </label>
              <label className="tunnel-host" key={settings.tunnelHost}>
                <span>Tunnel server</span>
                <input
                  type="url"
                  defaultValue={settings.tunnelHost}
                  onBlur={(event) => {
                    const value = event.target.value.trim();
                    if (value && value !== settings.tunnelHost) void save({ tunnelHost: value });
                  }}
                />
              </label>
            </>
          )}
        </div>
      )}
    </span>
  );
}
