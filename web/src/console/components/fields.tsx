import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { useT } from '../../i18n/index.tsx';

interface Described {
  /** Help under the label, read after it. */
  hint?: ReactNode;
  /** The error for this field; it is linked with aria-describedby and marks the field invalid. */
  error?: string | undefined;
  /** Adds "(optional)" to the label; fields are required unless they say so. */
  optional?: boolean;
  /** More ids the field is described by (e.g. a list of problems elsewhere). */
  describedBy?: string;
}

function useDescribed({ hint, error, describedBy }: Described) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ids = [hintId, errorId, describedBy].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedByIds: ids };
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean | undefined }) {
  const t = useT();
  return (
    <label htmlFor={htmlFor} className="field__label">
      {label}
      {optional ? <span className="field__optional"> {t('form.optional')}</span> : null}
    </label>
  );
}

function HintAndError({
  hintId,
  errorId,
  hint,
  error,
}: {
  hintId?: string | undefined;
  errorId?: string | undefined;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

type TextFieldProps = Described &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & {
    label: ReactNode;
    value: string;
    onChange: (value: string) => void;
    inputRef?: Ref<HTMLInputElement>;
  };

export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  optional,
  describedBy,
  inputRef,
  className,
  ...input
}: TextFieldProps) {
  const d = useDescribed({ hint, error, describedBy });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <Label htmlFor={d.id} label={label} optional={optional} />
      <HintAndError hintId={d.hintId} errorId={d.errorId} hint={hint} error={error} />
      <input
        {...input}
        ref={inputRef}
        id={d.id}
        value={value}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedByIds}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

type TextAreaFieldProps = Described &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> & {
    label: ReactNode;
    value: string;
    onChange: (value: string) => void;
    textareaRef?: Ref<HTMLTextAreaElement>;
  };

export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  optional,
  describedBy,
  textareaRef,
  className,
  ...textarea
}: TextAreaFieldProps) {
  const d = useDescribed({ hint, error, describedBy });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <Label htmlFor={d.id} label={label} optional={optional} />
      <HintAndError hintId={d.hintId} errorId={d.errorId} hint={hint} error={error} />
      <textarea
        {...textarea}
        ref={textareaRef}
        id={d.id}
        value={value}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedByIds}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

interface SelectFieldProps extends Described {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  className?: string;
  /** Hide the label visually (it is still the field's name), for selects inside table rows. */
  hideLabel?: boolean;
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  hint,
  error,
  optional,
  describedBy,
  className,
  hideLabel,
}: SelectFieldProps) {
  const d = useDescribed({ hint, error, describedBy });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      {hideLabel ? (
        <label htmlFor={d.id} className="visually-hidden">
          {label}
        </label>
      ) : (
        <Label htmlFor={d.id} label={label} optional={optional} />
      )}
      <HintAndError hintId={d.hintId} errorId={d.errorId} hint={hint} error={error} />
      <select
        id={d.id}
        value={value}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={d.describedByIds}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxFieldProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}

export function CheckboxField({ label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint checkbox__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A submit button that stays focusable while its form is busy (the form ignores the extra clicks). */
export function SubmitButton({
  busy,
  children,
  busyLabel,
  className,
}: {
  busy: boolean;
  children: ReactNode;
  busyLabel?: string;
  className?: string;
}) {
  const t = useT();
  return (
    <button type="submit" className={className ?? 'button'} aria-disabled={busy || undefined}>
      {busy ? (busyLabel ?? t('form.working')) : children}
    </button>
  );
}
