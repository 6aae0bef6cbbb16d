import type { Enclosure } from '../../../shared/api';

/** 3725 s -> "1:02:05", 300 s -> "5:00". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** 48_500_000 -> "48.5 MB", 750_000 -> "750 KB"; nothing when the size is unknown. */
export function megabytes(bytes: number | null): string | null {
  if (!bytes) return null;
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

/** Under a player: how long the episode is, how big, and a link to download it (it opens outside the app). */
export function EnclosureMeta({ enclosure }: { enclosure: Enclosure }) {
  const details = [
    enclosure.durationSeconds ? formatDuration(enclosure.durationSeconds) : null,
    megabytes(enclosure.length),
  ].filter(Boolean);
  return (
    <p className="enclosure-meta">
      {details.length > 0 && <span className="enclosure-duration">{details.join(' · ')}</span>}
      <a href={enclosure.url} download target="_blank" rel="noopener noreferrer">
        Download
      </a>
    </p>
  );
}
