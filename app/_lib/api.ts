import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { createRequestContext } from '@/server/context';
import { appRouter } from '@/server/routers/_app';
import { createCallerFactory } from '@/server/trpc';

const createCaller = createCallerFactory(appRouter);

/** The request's tRPC context, once per render: the actor comes from the session cookie. */
export const requestContext = cache(async () => createRequestContext(await headers()));

/** Server components call procedures directly (no HTTP hop, no client JS), with the same authorisation. */
export async function serverApi() {
  return createCaller(await requestContext());
}

export async function currentActor() {
  return (await requestContext()).actor;
}
