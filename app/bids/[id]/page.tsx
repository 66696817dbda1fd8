import { redirect } from 'next/navigation';
import { currentActor, serverApi } from '../../_lib/api';
import { orNotFound } from '../../_components/bids/server-calls';

/**
 * A bid by id (where the award's notifications point): the team goes to its bid page on the need, an
 * evaluator to the bid's detail; anyone access.ts does not name gets the 404 page.
 */
export default async function BidRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await currentActor())) redirect(`/login?callbackUrl=${encodeURIComponent(`/bids/${id}`)}`);
  const bid = await orNotFound((await serverApi()).bids.get({ bidId: id }));
  redirect(bid.reader === 'team' ? `/needs/${bid.need.id}/bid` : `/needs/${bid.need.id}/bids/${bid.id}`);
}
