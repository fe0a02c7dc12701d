import { useT } from '../../i18n/index.tsx';

/**
 * Previous and next page. A way that is not open is aria-disabled rather than removed, so the
 * button under the keyboard focus never disappears.
 */
interface PagerProps {
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  previousLabel?: string;
  nextLabel?: string;
}

export function Pager({ onPrevious, onNext, previousLabel, nextLabel }: PagerProps) {
  const t = useT();
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={!onPrevious || undefined}
        onClick={() => onPrevious?.()}
      >
        {previousLabel ?? t('common.previousPage')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={!onNext || undefined}
        onClick={() => onNext?.()}
      >
        {nextLabel ?? t('common.nextPage')}
      </button>
    </nav>
  );
}
