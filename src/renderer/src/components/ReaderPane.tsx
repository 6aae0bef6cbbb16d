import { useMemo } from 'react';
import type { Item } from '../../../shared/api';
import { sanitizeFeedHtml } from '../sanitize';
import { Enclosures } from './Enclosures';

interface Props {
  item: Item | null;
  onOpen(url: string): void;
  onToggleRead(): void;
}

export function ReaderPane({ item, onOpen, onToggleRead }: Props) {
  const html = useMemo(() => (item ? sanitizeFeedHtml(item.contentHtml, item.link) : ''), [item]);
  if (!item) {
    return (
      <article className="reader empty" aria-label="Reader">
        <p className="hint">
          Select an item to read it. Keys: j/k next and previous, m read or unread, s star, o open in the browser, /
          search, A mark all read, a add a feed.
        </p>
      </article>
    );
  }
  return (
    <article className="reader" aria-label="Reader">
      <header>
        <h1>{item.title}</h1>
        <p className="byline">
          {item.feedTitle}
          {item.author ? ` · ${item.author}` : ''} · {new Date(item.publishedAt).toLocaleString()}
        </p>
        <div className="actions">
          {item.link && (
            <button type="button" onClick={() => onOpen(item.link!)}>
              Open in browser
            </button>
          )}
          <button type="button" onClick={onToggleRead}>
            {item.read ? 'Mark unread' : 'Mark read'}
          </button>
        </div>
      </header>
      <Enclosures enclosures={item.enclosures} imageUrl={item.imageUrl} onOpen={onOpen} />
      <div className="content" data-testid="item-content" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
