import type { ReactNode } from 'react';

/**
 * A destructive action in two steps, without a blocking browser dialog: the first button opens a panel
 * that says what will happen, the second (inside the form) does it. Works without client JavaScript.
 */
export function ConfirmAction(props: {
  label: string;
  warning: string;
  confirmLabel: string;
  action: (form: FormData) => Promise<void>;
  hidden: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <details className="group relative">
      <summary className="inline-flex shrink-0 cursor-pointer list-none items-center whitespace-nowrap rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 [&::-webkit-details-marker]:hidden">
        {props.label}
      </summary>
      <form action={props.action} className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm sm:absolute sm:right-0 sm:z-10 sm:w-72 sm:shadow-md">
        {Object.entries(props.hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-red-900">{props.warning}</p>
        {props.children}
        <button type="submit" className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
          {props.confirmLabel}
        </button>
      </form>
    </details>
  );
}
