import { useT } from '../../i18n/index.tsx';

/**
 * Announces (role=alert) that the form was not sent because of the errors shown at its fields;
 * the first of those fields gets the focus, and each is linked to its message.
 */
export function FormErrors({ count }: { count: number }) {
  const t = useT();
  if (count === 0) return null;
  return (
    <p role="alert" className="alert alert--error">
      {count === 1 ? t('form.oneError') : t('form.errors', { count: String(count) })}
    </p>
  );
}
