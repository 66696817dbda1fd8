import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../_lib/api';
import { HeaderMenu } from './header-menu';
import { LanguageSwitch } from './language-switch';
import { MessagesLink } from './messages/messages-link';
import { NotificationBell } from './notification-bell';
import { SignOutButton } from './sign-out-button';

/** The header on every page: brand, the navigation the actor's organisation kind needs, language, account. */
export async function SiteHeader() {
  const [t, actor] = await Promise.all([getTranslations('nav'), currentActor()]);
  const links: Array<{ href: string; label: string }> = [{ href: '/needs', label: t('needs') }];
  if (actor) links.push({ href: '/inbox', label: t('inbox') });
  if (actor?.org) {
    if (actor.org.kind === 'research_team') links.push({ href: '/bids', label: t('bids') });
    links.push({ href: '/reviews', label: t('reviews') });
    links.push({ href: '/contracts', label: t('contracts') });
    // 科技局驾驶舱: the bureau's, and an incubator's over its own enclaves.
    if (actor.org.kind === 'bureau' || actor.org.kind === 'incubator') links.push({ href: '/dashboard', label: t('dashboard') });
    // 落地项目: incubators and the bureau always; a team or company once it has a project.
    const landing =
      actor.org.kind === 'incubator' || actor.org.kind === 'bureau' || (await (await serverApi()).landing.list({ limit: 1 })).items.length > 0;
    if (landing) links.push({ href: '/landing', label: t('landing') });
    links.push({ href: '/org', label: t('myOrg') });
    if (actor.org.kind !== 'bureau') links.push({ href: `/credit/${actor.org.id}`, label: t('credit') });
    if (actor.org.kind === 'bureau') links.push({ href: '/bureau/verifications', label: t('verifications') });
    if (actor.org.kind === 'bureau') links.push({ href: '/bureau/disputes', label: t('disputes') });
    if (actor.org.kind === 'bureau') links.push({ href: '/bureau/credit', label: t('creditAdmin') });
    if (actor.org.kind === 'bureau') links.push({ href: '/bureau/messages', label: t('messageReports') });
    if (actor.org.role !== 'member') links.push({ href: '/audit', label: t('audit') });
  }
  // 在线沟通 beside the bell, with the unread count rendered on the server (no flash).
  const messages = actor?.org ? await (await serverApi()).messages.unreadTotal() : null;
  const nav = (
    // Signed in, on a phone, the links wrap inside the menu; signed out they scroll on a row of their own.
    <nav
      aria-label={t('main')}
      className={`flex gap-4 text-sm sm:w-auto sm:overflow-x-auto ${actor ? 'flex-wrap gap-y-2 sm:flex-nowrap' : 'order-3 w-full overflow-x-auto sm:order-none'}`}
    >
      {links.map((l) => (
        <Link key={l.href} href={l.href} className="whitespace-nowrap text-gray-700 hover:text-primary-700">
          {l.label}
        </Link>
      ))}
    </nav>
  );
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-primary-700">
          {t('brand')}
        </Link>
        {actor ? (
          <>
            {/* Phones: brand, bell and 菜单 on one row; the links and account acts open below. From sm up: one row as before. */}
            <div className="order-1 ml-auto flex items-center text-sm sm:order-4 sm:ml-0">
              {messages && <MessagesLink label={t('messages')} unreadLabel={t('messagesUnread', { count: messages.unread })} initialUnread={messages.unread} />}
              <NotificationBell />
            </div>
            <HeaderMenu openLabel={t('menu')} closeLabel={t('closeMenu')}>
              {nav}
              <div className="flex flex-wrap items-center gap-3 text-sm sm:order-3 sm:ml-auto">
                <LanguageSwitch />
                <Link href="/account" className="max-w-32 truncate text-gray-700 hover:text-primary-700">
                  {actor.name}
                </Link>
                <SignOutButton label={t('signOut')} />
              </div>
            </HeaderMenu>
          </>
        ) : (
          <>
            {nav}
            <div className="ml-auto flex items-center gap-3 text-sm">
              <LanguageSwitch />
              <Link href="/login" className="text-gray-700 hover:text-primary-700">
                {t('signIn')}
              </Link>
              <Link href="/register" className="rounded-md bg-primary-600 px-3 py-1.5 text-white hover:bg-primary-700">
                {t('register')}
              </Link>
            </div>
          </>
        )}
      </div>
    </header>
  );
}
