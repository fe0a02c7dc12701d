import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../router.tsx';
import { paths, type ControllerSection } from '../routes.ts';
import { useControllerOptions } from '../session.tsx';

/**
 * Which controller the pages show: a select and a button (choosing alone changes nothing, so
 * moving through the options with the keyboard never leaves the page).
 */
export function ControllerSwitcher({ current, section }: { current: string | null; section: ControllerSection }) {
  const t = useT();
  const options = useControllerOptions();
  const [chosen, setChosen] = useState(current ?? options[0]?.id ?? '');

  useEffect(() => {
    if (current) setChosen(current);
  }, [current]);

  if (options.length === 0) return null;
  if (options.length === 1 && options[0]?.id === current) {
    return (
      <p className="switcher switcher--single">
        {t('nav.controller')}: <strong>{options[0].name}</strong>
      </p>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) navigate(paths.section(chosen, section));
  };

  return (
    <form className="switcher" onSubmit={submit}>
      <label htmlFor="controller-switcher">{t('nav.controller')}</label>
      <select id="controller-switcher" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        {current === null ? <option value="">{t('nav.chooseController')}</option> : null}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {t('nav.switch')}
      </button>
    </form>
  );
}
