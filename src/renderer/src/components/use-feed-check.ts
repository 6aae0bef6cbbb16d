import { useEffect, useState } from 'react';
import type { CheckFeedResult } from '../../../shared/api';

export type FeedCheck =
  | { state: 'idle' }
  | { state: 'checking'; url: string }
  | { state: 'done'; url: string; result: CheckFeedResult }
  | { state: 'failed'; url: string };

/** A plausible address: http(s) with a dotted or local host, so half-typed text is not fetched. */
function plausible(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https?:\/\/./i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.hostname.includes('.') || url.hostname === 'localhost' || url.port ? url.href : null;
  } catch {
    return null;
  }
}

/** Checks what an address holds (checkFeed) once the user stops typing, so the dialog can tell before adding. */
export function useFeedCheck(
  check: (url: string) => Promise<CheckFeedResult>,
  text: string,
  paused: boolean,
  delayMs = 600,
): FeedCheck {
  const [result, setResult] = useState<FeedCheck>({ state: 'idle' });
  useEffect(() => {
    const url = plausible(text);
    if (!url || paused) {
      if (!url) setResult({ state: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setResult({ state: 'checking', url });
      check(text.trim()).then(
        (found) => current && setResult({ state: 'done', url, result: found }),
        () => current && setResult({ state: 'failed', url }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, paused, check, delayMs]);
  return result;
}
