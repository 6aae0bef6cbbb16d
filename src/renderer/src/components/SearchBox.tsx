import { forwardRef } from 'react';

interface Props {
  query: string;
  scopeName: string;
  searching: boolean;
  onQuery(query: string): void;
}

/** The search field above the item list; Escape clears it, "/" (in App) focuses it. */
export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox(
  { query, scopeName, searching, onQuery },
  ref,
) {
  return (
    <div className="search-box" role="search">
      <input
        ref={ref}
        type="search"
        aria-label="Search items"
        placeholder={`Search ${scopeName}  ( / )`}
        value={query}
        spellCheck={false}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            onQuery('');
            event.currentTarget.blur();
          }
        }}
      />
      {searching && <span className="search-spinner" aria-label="Searching" />}
    </div>
  );
});
