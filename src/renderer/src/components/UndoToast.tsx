import { useEffect } from 'react';

interface Props {
  message: string;
  onUndo(): void;
  onDismiss(): void;
  /** How long the offer stays up. */
  timeoutMs?: number;
}

/** "Marked 120 items read. Undo": an offer that goes away by itself. */
export function UndoToast({ message, onUndo, onDismiss, timeoutMs = 10_000 }: Props) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, timeoutMs);
    return () => clearTimeout(timer);
  }, [onDismiss, timeoutMs, message]);
  return (
    <div className="undo-toast" role="status">
      <span>{message}</span>
      <button type="button" onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}
