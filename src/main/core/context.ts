import type { Db } from './db/open-db';
import type { Clock } from './clock';
import type { EventHub } from './events';
import type { Library } from './library';
import type { Fetcher } from './feeds/load-feed';
import type { FetchOptions } from './feeds/fetch-url';
import type { MethodArgs, MethodName, MethodResults } from '../../shared/api';

export type Log = (message: string, error?: unknown) => void;

/** What every part of the core is built from: explicit dependencies, no module singletons. */
export interface CoreContext {
  db: Db;
  clock: Clock;
  log: Log;
  events: EventHub;
  library: Library;
  fetcher: Fetcher;
  fetchOptions: FetchOptions | undefined;
  version: string;
}

export type CoreMethods = { [M in MethodName]: (arg: MethodArgs[M]) => Promise<MethodResults[M]> };

/** A part of the core implements some of the contract's methods. */
export type MethodsPart<M extends MethodName> = Pick<CoreMethods, M>;
