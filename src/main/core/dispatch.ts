import { isMethodName, type Envelope } from '../../shared/api';
import { parseArg } from '../../shared/api-schemas';
import { AppError, toApiError } from './app-error';
import type { CoreMethods, Log } from './reader';

/**
 * The one door into the core from any UI: checks the method name and its
 * argument, calls it, and turns every outcome into an envelope. The IPC loop
 * and the HTTP host both go through here, so they behave the same.
 */
export async function dispatch(
  core: CoreMethods,
  method: string,
  rawArg: unknown,
  log: Log,
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no method called "${method}".` } };
  }
  const arg = parseArg(method, rawArg);
  if (!arg.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: arg.message } };
  try {
    const call = core[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await call(arg.value) };
  } catch (error) {
    if (!(error instanceof AppError)) log(`${method} failed`, error);
    return { ok: false, error: toApiError(error) };
  }
}
