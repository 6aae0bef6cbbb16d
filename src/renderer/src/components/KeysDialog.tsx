import { keyList } from '../keys';

/** The `?` list: every key and what it does. */
export function KeysDialog({ onClose }: { onClose(): void }) {
  return (
    <div className="backdrop" onClick={onClose}>
      <div
        className="dialog keys-dialog"
        role="dialog"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        ref={(element) => element?.focus()}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => (event.key === 'Escape' || event.key === '?') && onClose()}
      >
        <h2>Keyboard shortcuts</h2>
        <dl className="key-list">
          {keyList.map(({ key, does }) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
