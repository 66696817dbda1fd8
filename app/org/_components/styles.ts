/** Shared looks of the organisation, bureau and audit pages (plain strings: usable by server and client components). */
export const inputClass =
  'mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 focus:border-primary-600 aria-[invalid=true]:border-red-600';

export const buttonClass =
  'inline-flex items-center justify-center rounded-md bg-primary-600 px-4 py-2 text-sm font-medium text-white hover:bg-primary-700 disabled:opacity-60';

export const secondaryButtonClass =
  'inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50 disabled:opacity-60';
