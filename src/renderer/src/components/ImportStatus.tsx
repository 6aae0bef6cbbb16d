import type { ImportState } from '../use-opml';

interface Props {
  state: ImportState;
  onDismiss(): void;
}

/** Failures listed by name; past this, a count (20,000 list items would make the window crawl). */
const shownFailures = 500;

/** What an import did (added, skipped, invalid) and the background fetching's progress bar. */
export function ImportStatus({ state, onDismiss }: Props) {
  const { result, progress } = state;
  const running = progress !== null && !progress.finished;
  const done = result !== null && (!result.jobId || progress?.finished === true);
  return (
    <section className="import-status" aria-label="Import" aria-live="polite">
      <header>
        <strong>{state.fileName ? `Import of ${state.fileName}` : 'Importing feeds'}</strong>
        <button type="button" onClick={onDismiss} aria-label="Close" disabled={running}>
          ×
        </button>
      </header>
      {result && (
        <p className="import-summary">
          {result.added} added · {result.skipped} already followed
          {result.foldersCreated > 0 ? ` · ${result.foldersCreated} new folders` : ''}
          {result.invalid.length > 0 ? ` · ${result.invalid.length} not feeds` : ''}
        </p>
      )}
      {progress && (
        <>
          <progress value={progress.done} max={progress.total} aria-label="Fetching imported feeds" />
          <p className="import-count">
            {progress.finished ? 'Fetched' : 'Fetching'} {progress.done} / {progress.total}
            {progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
          </p>
        </>
      )}
      {done && <p className="import-done">Import finished.</p>}
      {progress && progress.failed > 0 && (
        <details>
          <summary>Feeds that could not be fetched ({progress.failed})</summary>
          <ul className="import-problems">
            {progress.failures.slice(0, shownFailures).map((failure) => (
              <li key={failure.feedId}>
                <span title={failure.url}>{failure.title}</span>: {failure.reason}
              </li>
            ))}
            {progress.failed > Math.min(progress.failures.length, shownFailures) && (
              <li className="import-more">
                and {progress.failed - Math.min(progress.failures.length, shownFailures)} more
                {progress.finished ? '' : ' so far'}
              </li>
            )}
          </ul>
        </details>
      )}
      {result && result.invalid.length > 0 && (
        <details>
          <summary>Entries that are not feeds ({result.invalid.length})</summary>
          <ul className="import-problems">
            {result.invalid.map((entry, index) => (
              <li key={index}>
                {entry.title}: {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
