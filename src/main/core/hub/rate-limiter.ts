export interface RateLimiter {
  /** Counts one request for `key`; false when the key used up its allowance for the current window. */
  take(key: string, now: number): boolean;
}

/**
 * Fixed-window counting per key (here: per callback, per minute). Memory is
 * bounded: past `maxKeys` keys, windows that ended are dropped, and if all are
 * still live the new key is refused (a flood of distinct callbacks is a flood too).
 */
export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      let window = windows.get(key);
      if (window && now - window.start >= options.windowMs) {
        windows.delete(key);
        window = undefined;
      }
      if (!window) {
        if (windows.size >= options.maxKeys) {
          for (const [other, w] of windows) if (now - w.start >= options.windowMs) windows.delete(other);
          if (windows.size >= options.maxKeys) return false;
        }
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= options.limit) return false;
      window.count++;
      return true;
    },
  };
}
