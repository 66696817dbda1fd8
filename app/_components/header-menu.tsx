'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * The signed-in header's links and account acts. On a phone they fold behind one 菜单 button (the header stays
 * one row: brand, bell, 菜单); from `sm` up the wrapper takes no box of its own (`display: contents`), so the
 * same elements sit in the header row as before, and the button is gone. One copy of each link in the page,
 * never a second one for phones. The menu closes on navigation and with Escape.
 */
export function HeaderMenu({ openLabel, closeLabel, children }: { openLabel: string; closeLabel: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpen((o) => !o)}
        className="order-2 inline-flex items-center gap-1.5 rounded-md border border-gray-300 px-2.5 py-1 text-sm text-gray-800 hover:border-primary-600 sm:hidden"
      >
        <span aria-hidden="true" className="text-base leading-none">
          {open ? '✕' : '☰'}
        </span>
        {open ? closeLabel : openLabel}
      </button>
      <div
        id="site-menu"
        className={`${open ? 'flex' : 'hidden'} order-3 w-full flex-col gap-3 border-t border-gray-200 pt-3 text-sm sm:contents`}
      >
        {children}
      </div>
    </>
  );
}
