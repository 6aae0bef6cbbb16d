/** Resolves on the next turn of the event loop: what a long job awaits between slices, so others run. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `fn` on the next turn of the event loop, once however many times this is
 * called before then. What starts queued work (a fetch queue's pump) goes
 * through it: a pump per finished task, when tasks fail at once, doubles the
 * pumps every turn until one turn runs thousands of failures.
 */
export function oncePerTurn(fn: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      fn();
    });
  };
}
