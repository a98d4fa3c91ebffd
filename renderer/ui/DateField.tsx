import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { Icon } from './icons';

/**
 * A date typed in the app's own locale (`23-11-2026` in Dutch), because the native date
 * control follows the operating system's locale instead. A calendar button opens the native
 * picker for those who prefer clicking. Commits on blur or Enter; Escape restores.
 */
export function DateInput({
  value,
  onValue,
  format,
  parse,
  pickerLabel,
  invalidMessage,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string | null;
  /** Returns false when the value was refused. */
  onValue: (value: string | null) => boolean | void;
  format: (iso: string) => string;
  parse: (text: string) => string | null | 'invalid';
  pickerLabel: string;
  invalidMessage: string;
}) {
  const shown = value ? format(value) : '';
  const [draft, setDraft] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  const editing = useRef(false);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!editing.current) setDraft(shown);
  }, [shown]);

  const commit = (): void => {
    editing.current = false;
    const parsed = parse(draft);
    if (parsed === 'invalid') {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (parsed === value) {
      setDraft(shown);
      return;
    }
    if (onValue(parsed) === false) setDraft(shown);
  };

  return (
    <span className="date-input">
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="input date-input__text"
        {...rest}
        value={draft}
        aria-invalid={invalid || undefined}
        title={invalid ? invalidMessage : rest.title}
        onChange={(e) => {
          editing.current = true;
          setDraft(e.currentTarget.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape' && editing.current) {
            e.preventDefault();
            e.stopPropagation();
            editing.current = false;
            setInvalid(false);
            setDraft(shown);
          }
        }}
      />
      <button
        type="button"
        className="btn btn--icon btn--ghost date-input__pick"
        aria-label={pickerLabel}
        title={pickerLabel}
        onClick={() => {
          try {
            picker.current?.showPicker();
          } catch {
            picker.current?.focus();
          }
        }}
      >
        <Icon name="calendar" />
      </button>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        className="date-input__native"
        value={value ?? ''}
        onChange={(e) => {
          setInvalid(false);
          onValue(e.currentTarget.value || null);
        }}
      />
      {invalid ? (
        <span className="date-input__error" role="alert">
          {invalidMessage}
        </span>
      ) : null}
    </span>
  );
}
