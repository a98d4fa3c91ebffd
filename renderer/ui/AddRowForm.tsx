import { useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { Button } from './Button';
import { Field } from './Field';

/** A labelled one-line text input whose error is announced and wired to it. */
export function TextField({
  label,
  error,
  className,
  value,
  onValue,
  placeholder,
  maxLength = 200,
  inputRef,
  testId,
}: {
  label: ReactNode;
  error?: string | null;
  className?: string;
  value: string;
  onValue: (value: string) => void;
  placeholder?: string;
  maxLength?: number;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
}) {
  return (
    <Field label={label} error={error ?? null} {...(className === undefined ? {} : { className })}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={inputRef}
          id={id}
          className="input"
          value={value}
          maxLength={maxLength}
          placeholder={placeholder}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onValue(e.currentTarget.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

/**
 * The "add a new one by name" card under a list (segments, phases, offers): Enter or the
 * button submits; refusals show next to the field, not as a toast.
 */
export function AddRowForm({
  onSubmit,
  buttonLabel,
  buttonTestId,
  ...field
}: Omit<Parameters<typeof TextField>[0], 'className'> & {
  onSubmit: () => void;
  buttonLabel: ReactNode;
  buttonTestId?: string;
}) {
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="add-row card" onSubmit={submit}>
      <TextField {...field} className="add-row__field" />
      <Button type="submit" variant="primary" icon="plus" data-testid={buttonTestId}>
        {buttonLabel}
      </Button>
    </form>
  );
}

/**
 * The compact "add a line" form under a table or list inside a card. Keeps its own draft;
 * `onAdd` returns whether the line was added, and only then is the draft cleared.
 */
export function InlineAddForm({
  label,
  buttonLabel,
  onAdd,
  testId,
  buttonTestId,
}: {
  label: string;
  buttonLabel: ReactNode;
  onAdd: (text: string) => boolean;
  testId?: string;
  buttonTestId?: string;
}) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (onAdd(text)) setText('');
  };
  return (
    <form className="wf-inline-add" onSubmit={submit}>
      <input className="input" aria-label={label} placeholder={label} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid={testId} />
      <Button type="submit" icon="plus" data-testid={buttonTestId}>
        {buttonLabel}
      </Button>
    </form>
  );
}
