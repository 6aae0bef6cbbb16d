import type { ErrorCode } from '../../shared/api';

export interface EnvironmentProblem {
  code: ErrorCode;
  message: string;
}

/**
 * What the machine said, in words: a full disk, a folder Tidings may not write
 * to, a file where a folder should be. These reached people as "INTERNAL:
 * Something went wrong" although nothing inside Tidings was wrong. SQLite says
 * the same things its own way (SQLITE_FULL, SQLITE_READONLY_*, SQLITE_CANTOPEN).
 * `doing` finishes "Tidings could not ...". Null: not an environment failure.
 */
export function environmentProblem(error: unknown, doing = 'save your changes'): EnvironmentProblem | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  const path = (error as { path?: unknown }).path;
  const where = typeof path === 'string' ? ` (${path})` : '';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return {
      code: 'DISK_FULL',
      message: `The disk is full: Tidings could not ${doing}. Free some space, then try again; nothing already saved was lost.`,
    };
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) {
    return {
      code: 'NOT_WRITABLE',
      message: `Tidings could not ${doing}: its profile folder${where} is read-only or belongs to another user.`,
    };
  }
  if (code === 'ENOTDIR' || code === 'EEXIST' || code.startsWith('SQLITE_CANTOPEN')) {
    return {
      code: 'NOT_WRITABLE',
      message: `Tidings could not ${doing}: its profile folder${where} can't be created or opened (a file may stand in its path).`,
    };
  }
  return null;
}
