import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError, inWords } from './app-error';

export const lockFileName = 'tidings.lock';

export interface ProfileLock {
  /** Removes the lock file, if it is still ours. */
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: number;
}

/**
 * Claims the profile folder for this process, before the database opens: two
 * cores on one profile (the app and `npm run serve`, or two hosts) would each
 * poll, subscribe and answer callbacks as if alone. The lock is a file created
 * exclusively, naming its process; one left by a process that is gone (a crash,
 * kill -9) is taken over. A live holder means PROFILE_IN_USE, which the app's
 * start dialog explains.
 */
export function lockProfile(dataDir: string): ProfileLock {
  const file = join(dataDir, lockFileName);
  const mine: Holder = { pid: process.pid, host: hostname(), since: Date.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return { release: () => releaseIfMine(file, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw inWords(error, 'lock the profile folder');
    }
    const holder = readHolder(file);
    if (holder && isAlive(holder)) {
      throw new AppError(
        'PROFILE_IN_USE',
        `Another Tidings is using this profile (pid ${holder.pid}, since ${new Date(holder.since).toISOString()}): ${dataDir}.`,
      );
    }
    // Left by a process that is gone (or unreadable, half written by a crash): take it over.
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw inWords(error, 'lock the profile folder');
    }
  }
  throw new AppError('PROFILE_IN_USE', `Another Tidings keeps claiming this profile: ${dataDir}.`);
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (!Number.isInteger(parsed.pid) || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid!, host: parsed.host, since: Number(parsed.since) || 0 };
  } catch {
    return null;
  }
}

/** A process on another machine (a profile on a network share) can't be checked: it counts as alive. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfMine(file: string, mine: Holder): void {
  const holder = readHolder(file);
  if (holder?.pid !== mine.pid || holder.since !== mine.since) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}
