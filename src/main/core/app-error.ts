import type { ApiError, ErrorCode } from '../../shared/api';
import { environmentProblem } from './environment-errors';

/** An error meant for a person: its message is shown as is, its code drives logic and tests. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into an ApiError; unexpected errors never leak their stack or text. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return error.toApiError();
  const problem = environmentProblem(error);
  if (problem) return problem;
  return { code: 'INTERNAL', message: 'Something went wrong inside Tidings. The details are in the log.' };
}

/** An environment failure (full disk, read-only folder) as an AppError saying it; anything else as it was. */
export function inWords(error: unknown, doing: string): unknown {
  const problem = environmentProblem(error, doing);
  return problem ? new AppError(problem.code, problem.message, { cause: error }) : error;
}
