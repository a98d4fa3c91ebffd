import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';

/** A labelled field: the label, an optional hint and an error are wired to the control by id. */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A textarea that writes on every input (long texts are Y.Text diffs, so every keystroke merges
 * with colleagues' edits) and grows with its content.
 */
export function AutoTextArea({ value, onValue, minRows = 2, ...rest }: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue: (value: string) => void;
  minRows?: number;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [value]);
  return (
    <textarea
      ref={ref}
      className="input textarea"
      rows={minRows}
      value={value}
      onChange={(e) => onValue(e.currentTarget.value)}
      {...rest}
    />
  );
}

/**
 * A one-line input for short, meaningful values (titles, names, owners): edited locally and
 * committed on blur or Enter, so a half-typed title never becomes an undo step or reaches peers.
 * Escape restores the stored value.
 */
export function CommitInput({
  value,
  onCommit,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> & {
  value: string;
  /** Returns false when the value was refused, which restores the stored value. */
  onCommit: (value: string) => boolean | void;
}) {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  const commit = (): void => {
    editing.current = false;
    if (draft === value) return;
    if (onCommit(draft) === false) setDraft(value);
  };
  return (
    <input
      className="input"
      {...rest}
      value={draft}
      onChange={(e) => {
        editing.current = true;
        setDraft(e.currentTarget.value);
      }}
      onBlur={(e) => {
        commit();
        rest.onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape' && editing.current) {
          e.preventDefault();
          e.stopPropagation();
          editing.current = false;
          setDraft(value);
        }
        rest.onKeyDown?.(e);
      }}
    />
  );
}
