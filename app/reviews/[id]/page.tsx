import { notFound, redirect } from 'next/navigation';
import { currentActor, serverApi } from '../../_lib/api';
import { orNull } from '../../_components/bids/server-calls';

/** A review invitation by id (where the invitation's notification points): on to the need's review page. */
export default async function InvitationRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await currentActor())) redirect(`/login?callbackUrl=${encodeURIComponent(`/reviews/${id}`)}`);
  const invitation = (await orNull((await serverApi()).reviews.mine()))?.find((i) => i.id === id);
  if (!invitation) notFound();
  redirect(`/needs/${invitation.need.id}/review`);
}
