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
export function AutoTextArea({ value, onValue, minRows = 2, onSelect, ...rest }: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue: (value: string) => void;
  minRows?: number;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // What the textarea showed and where the caret was, so a colleague's edit arriving while
  // we type keeps our caret where it was instead of jumping to the end.
  const shown = useRef({ value, start: 0, end: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
    const before = shown.current;
    if (before.value !== value && document.activeElement === el) {
      el.setSelectionRange(mapPosition(before.value, value, before.start), mapPosition(before.value, value, before.end));
    }
    shown.current = { value, start: el.selectionStart, end: el.selectionEnd };
  }, [value]);
  const remember = (el: HTMLTextAreaElement): void => {
    shown.current = { value: el.value, start: el.selectionStart, end: el.selectionEnd };
  };
  return (
    <textarea
      ref={ref}
      className="input textarea"
      rows={minRows}
      value={value}
      onChange={(e) => {
        remember(e.currentTarget);
        onValue(e.currentTarget.value);
      }}
      onSelect={(e) => {
        remember(e.currentTarget);
        onSelect?.(e);
      }}
      {...rest}
    />
  );
}

/** Where a caret at `position` in `before` belongs in `after` (one changed range between them). */
export function mapPosition(before: string, after: string, position: number): number {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  if (position <= prefix) return position;
  if (position >= before.length - suffix) return position + (after.length - before.length);
  return after.length - suffix;
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
