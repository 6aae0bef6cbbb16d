/**
 * What the error dialog says when the core can't start. The core's errors carry
 * a sentence for people; a profile held by another Tidings (the headless host,
 * or another copy of the app) gets its own title and what to do about it.
 */

export interface StartFailure {
  title: string;
  message: string;
}

export function startFailure(error: unknown): StartFailure {
  const message = error instanceof Error && error.message ? error.message : String(error);
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /IN_USE|LOCKED/.test(code)) {
    return {
      title: 'Your Tidings library is in use',
      message: `${message}\n\nClose the other Tidings (the app, or npm run serve with the same profile), then start it again.`,
    };
  }
  return { title: 'Tidings could not start', message };
}
