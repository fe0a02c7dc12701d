import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { CHANNELS, STANDARD_PURPOSES, useConsentLabels } from '../consents.ts';
import { purposesOf, type Doc } from '../description.ts';
import { SelectField } from './fields.tsx';

interface MarketingListFormProps {
  controllerId: string;
  registerId: string;
  /** The register's description, for its own purposes and their names. */
  doc: Doc;
}

/**
 * The marketing list of a register as CSV: a plain link, so the browser downloads it with the
 * session cookie (a GET changes nothing but the audit trail, which the server writes).
 */
export function MarketingListForm({ controllerId, registerId, doc }: MarketingListFormProps) {
  const t = useT();
  const labels = useConsentLabels();
  const own = purposesOf(doc).filter((p) => p.key && !(STANDARD_PURPOSES as readonly string[]).includes(p.key));
  const purposes = [
    ...STANDARD_PURPOSES.map((key) => ({ value: key, label: labels.purpose(key) })),
    ...own.map((p) => ({
      value: p.key,
      label: labels.purpose(p.key, p.name.fi ? { fi: p.name.fi, sv: p.name.sv, en: p.name.en } : null),
    })),
  ];
  const [channel, setChannel] = useState<string>('email');
  const [purpose, setPurpose] = useState<string>('direct_marketing');
  const href = withQuery(controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}/marketing-list`), {
    channel,
    purpose,
  });

  return (
    <section aria-labelledby="marketing-list-heading" className="section">
      <h2 id="marketing-list-heading">{t('marketingList.heading')}</h2>
      <p>{t('marketingList.intro')}</p>
      <p>{t('marketingList.audit')}</p>
      <div className="form form--inline panel">
        <SelectField
          label={t('marketingList.channel')}
          value={channel}
          onChange={setChannel}
          options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
        />
        <SelectField
          className="field--wide"
          label={t('marketingList.purpose')}
          value={purpose}
          onChange={setPurpose}
          options={purposes}
        />
        <div className="form__actions">
          <a className="button" href={href} download>
            {t('marketingList.download')}
          </a>
        </div>
      </div>
    </section>
  );
}
