import type { ArticleView } from '../use-article';

/** The reader view button (`v`) and the feed's "Always show the full article". */
export function ReaderViewControls({
  article,
  alwaysFull,
  onAlwaysFull,
}: {
  article: ArticleView;
  alwaysFull: boolean;
  onAlwaysFull(on: boolean): void;
}) {
  const on = article.showing === 'article';
  return (
    <>
      <button
        type="button"
        onClick={article.toggle}
        aria-pressed={on}
        disabled={article.loading}
        title="Reader view (v)"
      >
        {on ? 'Feed text' : 'Full article'}
      </button>
      <label className="toggle" title="Open every item of this feed as its full article">
        <input type="checkbox" checked={alwaysFull} onChange={(event) => onAlwaysFull(event.target.checked)} /> Always
        show the full article
      </label>
    </>
  );
}
