/** The marketplace pages look like the organisation pages (one set of input and button styles). */
export { buttonClass, inputClass, secondaryButtonClass } from '../../org/_components/styles';

export const dangerButtonClass =
  'inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60';

export const cardClass = 'rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6';
