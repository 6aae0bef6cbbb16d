import { useState } from 'react';

/** Tile colours for feeds with no icon: chosen by the title, so a feed keeps its colour. */
const tileHues = [211, 4, 145, 32, 262, 188, 335, 95];

function hueOf(title: string): number {
  let hash = 0;
  for (const char of title) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return tileHues[hash % tileHues.length]!;
}

/** A feed's icon (a data URL from the core), or a letter tile when it has none or it fails to draw. */
export function FeedIcon({
  iconUrl,
  title,
  size = 16,
}: {
  iconUrl: string | null | undefined;
  title: string;
  size?: number;
}) {
  const [broken, setBroken] = useState<string | null>(null);
  const style = { width: size, height: size };
  if (iconUrl && broken !== iconUrl) {
    return <img className="feed-icon" src={iconUrl} alt="" style={style} onError={() => setBroken(iconUrl)} />;
  }
  const letter = (/\p{L}|\p{N}/u.exec(title)?.[0] ?? '•').toUpperCase();
  return (
    <span
      className="feed-icon letter-tile"
      aria-hidden="true"
      style={{ ...style, fontSize: Math.round(size * 0.62), background: `hsl(${hueOf(title)} 55% 45%)` }}
    >
      {letter}
    </span>
  );
}
