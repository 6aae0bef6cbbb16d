/** The drag payload type for a feed row dragged onto a folder (files dragged in carry 'Files' instead). */
export const feedDragType = 'application/x-tidings-feed';

export function isFeedDrag(event: { dataTransfer: DataTransfer | null }): boolean {
  return event.dataTransfer?.types.includes(feedDragType) ?? false;
}

/**
 * Every feed row (`[data-feed-id]`, in any list) can be dragged: one listener
 * on the document fills in the payload, so the rows need only `draggable`.
 * Returns the unsubscribe.
 */
export function listenForFeedDrags(): () => void {
  const onDragStart = (event: DragEvent) => {
    const row = (event.target as Element | null)?.closest?.('[data-feed-id]');
    const id = row?.getAttribute('data-feed-id');
    if (!row || !id || !event.dataTransfer) return;
    event.dataTransfer.setData(feedDragType, id);
    event.dataTransfer.effectAllowed = 'move';
  };
  document.addEventListener('dragstart', onDragStart);
  return () => document.removeEventListener('dragstart', onDragStart);
}
