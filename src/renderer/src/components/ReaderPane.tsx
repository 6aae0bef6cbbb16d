import { useMemo, useState } from 'react';
import type { Item, SharedEntry } from '../../../shared/api';
import { sanitizeFeedHtml } from '../sanitize';
import { openLinksOutside } from '../open-links-outside';
import { HeldImages } from './HeldImages';
import { keyList } from '../keys';
import type { ArticleView } from '../use-article';
import { Enclosures, hasRemotePicture } from './Enclosures';
import { FeedIcon } from './FeedIcon';
import { ReaderViewControls } from './ReaderViewControls';
import { SharedLine } from './SharedLine';

interface Props {
  item: Item | null;
  onOpen(url: string): void;
  onToggleRead(): void;
  onToggleStar(): void;
  /** The reader view of this item (issue 16) and the feed's "Always show the full article". */
  article: ArticleView;
  feedIconUrl: string | null;
  alwaysFull: boolean;
  onAlwaysFull(on: boolean): void;
  /** The "Load remote images" setting; off, this item's images wait for "Show images". */
  loadRemoteImages: boolean;
  /** Issue 12: the item's entry in the shared feed (null: not shared), and the Share button's dialog. */
  shared: SharedEntry | null;
  onShare(): void;
  onUnshare(entry: SharedEntry): void;
}

export function ReaderPane({
  item,
  onOpen,
  onToggleRead,
  onToggleStar,
  article,
  feedIconUrl,
  alwaysFull,
  onAlwaysFull,
  loadRemoteImages,
  shared,
  onShare,
  onUnshare,
}: Props) {
  const shown = article.showing === 'article' && article.article ? article.article : null;
  const [imagesFor, setImagesFor] = useState<number | null>(null);
  const remoteImages = loadRemoteImages || (item !== null && imagesFor === item.id);
  const { html, blockedImages } = useMemo(
    () =>
      shown
        ? sanitizeFeedHtml(shown.contentHtml, shown.url, { remoteImages })
        : item
          ? sanitizeFeedHtml(item.contentHtml, item.link, { remoteImages })
          : { html: '', blockedImages: 0 },
    [item, shown, remoteImages],
  );
  const heldPicture = !remoteImages && item !== null && hasRemotePicture(item);
  if (!item) {
    return (
      <article className="reader empty" aria-label="Reader">
        <p className="hint">
          Select an item to read it. Keys: {keyList.map(({ key, does }) => `${key} ${does}`).join(', ')}.
        </p>
      </article>
    );
  }
  return (
    <article className="reader" aria-label="Reader">
      <header>
        <h1>{item.title}</h1>
        <p className="byline">
          <FeedIcon iconUrl={feedIconUrl} title={item.feedTitle} size={16} />
          {item.feedTitle}
          {(shown?.byline ?? item.author) ? ` · ${shown?.byline ?? item.author}` : ''} ·{' '}
          {new Date(item.publishedAt).toLocaleString()}
        </p>
        <div className="actions reader-actions">
          {item.link && (
            <button type="button" onClick={() => onOpen(item.link!)}>
              Open in browser
            </button>
          )}
          <button type="button" onClick={onToggleRead}>
            {item.read ? 'Mark unread' : 'Mark read'}
          </button>
          <button type="button" onClick={onToggleStar} aria-label="Star" aria-pressed={item.starred} title="Star (s)">
            {item.starred ? '★ Starred' : '☆ Star'}
          </button>
          <button type="button" onClick={onShare} aria-label="Share" aria-pressed={shared !== null} title="Share (h)">
            {shared ? '↗ Shared' : '↗ Share'}
          </button>
          {item.link && <ReaderViewControls article={article} alwaysFull={alwaysFull} onAlwaysFull={onAlwaysFull} />}
        </div>
        {shared && <SharedLine entry={shared} onUnshare={onUnshare} />}
      </header>
      <Enclosures enclosures={item.enclosures} imageUrl={item.imageUrl} onOpen={onOpen} remoteImages={remoteImages} />
      <HeldImages count={blockedImages + (heldPicture ? 1 : 0)} onShow={() => setImagesFor(item.id)} />
      {article.error && (
        <p className="article-error" role="alert">
          {article.error}
        </p>
      )}
      {article.loading && <p className="hint">Reading the page…</p>}
      <div
        className={`content${shown ? ' full-article' : ''}`}
        data-testid="item-content"
        onClick={openLinksOutside(onOpen)}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </article>
  );
}
