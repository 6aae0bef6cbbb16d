interface Props {
  selected: boolean;
  onSelect(): void;
}

/** The starred view's row in the sidebar, under "All items". */
export function StarredViewRow({ selected, onSelect }: Props) {
  return (
    <li>
      <button
        type="button"
        className={`feed-row${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
        title="Items you starred (s): never pruned"
      >
        <span className="star" aria-hidden="true">
          ★
        </span>
        <span className="feed-title">Starred</span>
      </button>
    </li>
  );
}
