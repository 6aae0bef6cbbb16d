/**
 * Ticks a timer every `everyMs` and keeps the longest gap between ticks: the
 * longest time the event loop could not run anything (an API call waits that long).
 */
export function watchStalls(everyMs = 5): { longest(): number; stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, everyMs);
  return {
    longest: () => longest,
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
