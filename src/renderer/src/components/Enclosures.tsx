import type { Enclosure } from '../../../shared/api';
import { EnclosureMeta, megabytes } from './EnclosureMeta';

interface Props {
  enclosures: Enclosure[];
  imageUrl: string | null;
  onOpen(url: string): void;
  /** Off ("Load remote images" is off and not asked for): no picture, no poster. */
  remoteImages: boolean;
}

type Kind = 'audio' | 'video' | 'image' | 'file';

const extensionKinds: Record<string, Kind> = {
  mp3: 'audio',
  m4a: 'audio',
  aac: 'audio',
  ogg: 'audio',
  oga: 'audio',
  opus: 'audio',
  wav: 'audio',
  flac: 'audio',
  mp4: 'video',
  m4v: 'video',
  webm: 'video',
  mov: 'video',
  ogv: 'video',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
};

function kindOf(enclosure: Enclosure): Kind {
  const type = enclosure.type ?? '';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('image/')) return 'image';
  if (type) return 'file';
  const extension = /\.([a-z0-9]{2,5})(?:$|[?#])/i.exec(enclosure.url)?.[1]?.toLowerCase() ?? '';
  return extensionKinds[extension] ?? 'file';
}

/** Media only from the web: the CSP allows http(s) media and nothing else, and so does this. */
const isWeb = (url: string) => /^https?:\/\//i.test(url);

/** Flash and other plug-in formats (old YouTube feeds) cannot play: they are not offered. */
const unplayable = (enclosure: Enclosure) => enclosure.type === 'application/x-shockwave-flash';

function size(bytes: number | null): string {
  const shown = megabytes(bytes);
  return shown ? ` (${shown})` : '';
}

/**
 * What an item carries, above its text: audio and video with the browser's own
 * controls (nothing loads until asked: preload="none"), the item's picture when
 * no video shows it as a poster, and other files as links.
 */
export function Enclosures({ enclosures, imageUrl, onOpen, remoteImages }: Props) {
  const files = enclosures.filter((enclosure) => isWeb(enclosure.url) && !unplayable(enclosure));
  const picture = remoteImages && imageUrl && isWeb(imageUrl) ? imageUrl : null;
  const hasVideo = files.some((file) => kindOf(file) === 'video');
  const images = remoteImages ? files.filter((file) => kindOf(file) === 'image') : [];
  const shownPicture = !hasVideo ? (picture ?? images[0]?.url ?? null) : null;
  if (files.length === 0 && !shownPicture) return null;
  return (
    <section className="enclosures" aria-label="Attachments">
      {shownPicture && <img className="enclosure-image" src={shownPicture} alt="" referrerPolicy="no-referrer" />}
      {files.map((file) => {
        const kind = kindOf(file);
        const label = file.title ?? file.url.split('/').pop() ?? file.url;
        if (kind === 'audio') {
          return (
            <div key={file.url} className="enclosure-player">
              <audio controls preload="none" src={file.url} aria-label={label} />
              <EnclosureMeta enclosure={file} />
            </div>
          );
        }
        if (kind === 'video') {
          return (
            <div key={file.url} className="enclosure-player">
              <video controls preload="none" src={file.url} poster={picture ?? undefined} aria-label={label} />
              <EnclosureMeta enclosure={file} />
            </div>
          );
        }
        if (kind === 'image') return null;
        return (
          <button key={file.url} type="button" className="enclosure-file" onClick={() => onOpen(file.url)}>
            {label}
            {size(file.length)}
          </button>
        );
      })}
    </section>
  );
}

/** Whether the item carries a picture from the web (its image, or an image attachment), shown or as a poster. */
export function hasRemotePicture(item: { enclosures: Enclosure[]; imageUrl: string | null }): boolean {
  if (item.imageUrl && isWeb(item.imageUrl)) return true;
  return item.enclosures.some((file) => isWeb(file.url) && kindOf(file) === 'image');
}
