import type { SelectHTMLAttributes } from 'react';

/**
 * A native select, styled. Native selects are fully keyboard- and screen-reader-accessible and
 * open the OS picker, which suits dense forms better than a custom listbox.
 */
export function Select<T extends string>({
  value,
  options,
  onValue,
  className,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: T;
  options: readonly { value: T; label: string }[];
  onValue: (value: T) => void;
}) {
  return (
    <select
      className={['input', 'select', className].filter(Boolean).join(' ')}
      value={value}
      onChange={(e) => onValue(e.currentTarget.value as T)}
      {...rest}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
