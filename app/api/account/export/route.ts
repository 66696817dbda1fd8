import { TRPCError } from '@trpc/server';
import { createRequestContext } from '@/server/context';
import { appRouter } from '@/server/routers/_app';
import { createCallerFactory } from '@/server/trpc';

const createCaller = createCallerFactory(appRouter);

/**
 * The signed-in person's data as a JSON download (PIPL art. 45), authorised by the session cookie like
 * every other request. Never cached: it is personal and changes with every act.
 */
export async function GET(request: Request) {
  try {
    const data = await createCaller(await createRequestContext(request.headers)).account.exportData();
    const day = data.exportedAt.slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="kechuang-personal-data-${day}.json"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') {
      return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'cache-control': 'no-store' } });
    }
    throw error;
  }
}
