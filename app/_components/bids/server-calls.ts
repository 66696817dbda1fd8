import 'server-only';
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';

/**
 * A server component's procedure call where NOT_FOUND means the page does not exist for this reader
 * (a sealed bid, someone else's need): Next's 404 page, exactly as for an id that was never there.
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}

/** The call's answer, or null when the procedure refuses this reader (NOT_FOUND / FORBIDDEN / PRECONDITION_FAILED). */
export async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'PRECONDITION_FAILED'].includes(e.code)) return null;
    throw e;
  }
}
