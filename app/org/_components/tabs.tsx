'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The own-organisation sections; the current one is marked for screen readers too. */
export function OrgTabs({ tabs, label }: { tabs: Array<{ href: string; label: string }>; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mb-px flex gap-1 overflow-x-auto text-sm">
      {tabs.map((tab) => {
        const current = tab.href === '/org' ? pathname === '/org' : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? 'page' : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 ${current ? 'border-primary-600 font-medium text-primary-700' : 'border-transparent text-gray-700 hover:text-primary-700'}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
