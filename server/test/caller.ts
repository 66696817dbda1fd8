import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { appRouter } from '../routers/_app';
import { createCallerFactory, createInnerContext } from '../trpc';

const createCaller = createCallerFactory(appRouter);

/** The app router as `actor` would call it over HTTP (null = anonymous). */
export function callerFor(db: Db, actor: Actor | null) {
  return createCaller(createInnerContext({ db, actor, ip: '127.0.0.1' }));
}
