'use client';
import type { ReactNode } from 'react';
import { FieldError } from '../../_components/form-feedback';
import type { FormState } from '../../_lib/form-state';

export { buttonClass, inputClass, secondaryButtonClass } from './styles';

/** One labelled input with its hint and error, linked for screen readers (same shape as the registration form). */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  state: FormState;
  name: string;
  defaultValue?: string;
  children: (aria: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string; defaultValue?: string }) => ReactNode;
}) {
  const problem = props.state.fields?.[props.name];
  const described = [props.hint ? `${props.id}-hint` : null, problem ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium text-gray-800">
        {props.label}
      </label>
      {props.children({
        id: props.id,
        name: props.name,
        'aria-invalid': Boolean(problem),
        'aria-describedby': described || undefined,
        defaultValue: props.state.values?.[props.name] ?? props.defaultValue,
      })}
      {props.hint ? (
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-gray-600">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`${props.id}-error`} problem={problem} />
    </div>
  );
}
