interface Props {
  name: string;
  mark: string;
  hint: string;
  selected: boolean;
  onSelect(): void;
}

/** A view's row in the sidebar under "All items": Starred, Shared. */
export function ViewRow({ name, mark, hint, selected, onSelect }: Props) {
  return (
    <li>
      <button
        type="button"
        className={`feed-row${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
        title={hint}
      >
        <span className="star" aria-hidden="true">
          {mark}
        </span>
        <span className="feed-title">{name}</span>
      </button>
    </li>
  );
}
