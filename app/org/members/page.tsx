import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { MemberRole } from '@/server/actor';
import { currentActor, serverApi } from '../../_lib/api';
import { ConfirmAction } from '../_components/confirm';
import { secondaryButtonClass } from '../_components/styles';
import { ActionNotice } from '../_components/notice';
import { leaveAction, removeMemberAction, revokeInvitationAction, setRoleAction } from '../actions';
import { InviteForm } from './invite-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('members'))('title') };
}

const ROLES: MemberRole[] = ['owner', 'admin', 'member'];

/** The organisation's people and open invitations; who may do what follows the permission table. */
export default async function MembersPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const actor = await currentActor();
  if (!actor?.org) redirect('/org');
  const api = await serverApi();
  const role = actor.org.role;
  const manager = role !== 'member';
  const [t, format, params, members, invitations] = await Promise.all([
    getTranslations('members'),
    getFormatter(),
    searchParams,
    api.orgs.members.list(),
    manager ? api.orgs.invitations.list() : Promise.resolve([]),
  ]);
  const owners = members.filter((m) => m.role === 'owner').length;

  return (
    <div className="space-y-6">
      <ActionNotice ok={params.ok} error={params.error} />

      <section aria-labelledby="member-list" className="rounded-lg border border-gray-200 bg-white shadow-sm">
        <h2 id="member-list" className="border-b border-gray-200 px-4 py-3 text-lg font-semibold text-gray-900 sm:px-6">
          {t('listTitle', { count: members.length })}
        </h2>
        <ul className="divide-y divide-gray-200">
          {members.map((m) => {
            const canRemove = manager && !m.isSelf && (m.role !== 'owner' || role === 'owner');
            const lastOwner = m.role === 'owner' && owners <= 1;
            return (
              <li key={m.userId} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <div className="min-w-0">
                  <p className="font-medium text-gray-900">
                    {m.name}
                    {m.isSelf ? <span className="ml-2 text-sm font-normal text-gray-600">{t('you')}</span> : null}
                  </p>
                  <p className="truncate text-sm text-gray-600">{m.email}</p>
                  <p className="text-xs text-gray-600">{t('joined', { date: format.dateTime(m.joinedAt, { dateStyle: 'medium' }) })}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {role === 'owner' && !(m.isSelf && lastOwner) ? (
                    <form action={setRoleAction} className="flex items-center gap-2">
                      <input type="hidden" name="userId" value={m.userId} />
                      <label htmlFor={`role-${m.userId}`} className="sr-only">
                        {t('roleOf', { name: m.name })}
                      </label>
                      <select id={`role-${m.userId}`} name="role" defaultValue={m.role} className="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`roles.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className={secondaryButtonClass}>
                        {t('setRole')}
                      </button>
                    </form>
                  ) : (
                    <span className="rounded-full bg-gray-100 px-2.5 py-0.5 text-sm text-gray-800">{t(`roles.${m.role}`)}</span>
                  )}
                  {canRemove ? (
                    <ConfirmAction
                      label={t('remove')}
                      warning={t('removeWarning', { name: m.name })}
                      confirmLabel={t('removeConfirm')}
                      action={removeMemberAction}
                      hidden={{ userId: m.userId }}
                    />
                  ) : null}
                  {m.isSelf && !lastOwner ? (
                    <ConfirmAction label={t('leave')} warning={t('leaveWarning')} confirmLabel={t('leaveConfirm')} action={leaveAction} hidden={{}} />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
        {role === 'owner' && owners <= 1 ? <p className="border-t border-gray-200 px-4 py-3 text-sm text-gray-600 sm:px-6">{t('lastOwnerNote')}</p> : null}
      </section>

      {manager ? (
        <section aria-labelledby="invite-heading" className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h2 id="invite-heading" className="text-lg font-semibold text-gray-900">
            {t('invite.title')}
          </h2>
          <p className="mt-1 mb-4 text-sm text-gray-600">{t('invite.lead')}</p>
          <InviteForm roles={role === 'owner' ? ROLES : ['admin', 'member']} />

          <h3 className="mt-8 mb-2 font-semibold text-gray-900">{t('invite.openTitle')}</h3>
          {invitations.length === 0 ? (
            <p className="rounded-md border border-dashed border-gray-300 p-4 text-center text-sm text-gray-600">{t('invite.empty')}</p>
          ) : (
            <ul className="divide-y divide-gray-200 rounded-md border border-gray-200">
              {invitations.map((inv) => (
                <li key={inv.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="text-sm">
                    <p className="text-gray-900">
                      {t(`roles.${inv.role}`)} · {inv.email ?? t('invite.anyone')}
                    </p>
                    <p className="text-gray-600">
                      {inv.state === 'expired'
                        ? t('invite.expired', { date: format.dateTime(inv.expiresAt, { dateStyle: 'medium' }) })
                        : t('invite.expires', { date: format.dateTime(inv.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                      {inv.invitedByName ? ` · ${t('invite.by', { name: inv.invitedByName })}` : ''}
                    </p>
                  </div>
                  <ConfirmAction
                    label={t('invite.revoke')}
                    warning={t('invite.revokeWarning')}
                    confirmLabel={t('invite.revokeConfirm')}
                    action={revokeInvitationAction}
                    hidden={{ id: inv.id }}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
