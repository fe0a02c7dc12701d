import { useId } from 'react';
import { useT } from '../../i18n/index.tsx';
import type { ApiError } from '../api.ts';
import { valueText } from '../overview.ts';
import type { Contact, Merchant, PortalRegister } from '../types.ts';
import { RegisterSection } from './RegisterSection.tsx';
import { MerchantDownloadLink } from './DownloadPanel.tsx';

export interface RegisterActions {
  updateRegister: (registerId: string, update: (r: PortalRegister) => PortalRegister) => void;
  /** Puts a sentence into the page's polite live region. */
  announce: (message: string) => void;
  onFailure: (error: ApiError) => void;
}

/** One merchant: who they are and how to reach them, then each of their registers that knows the person. */
export function MerchantSection({ merchant, ...actions }: { merchant: Merchant } & RegisterActions) {
  const t = useT();
  const headingId = useId();
  const { controller } = merchant;
  return (
    <section aria-labelledby={headingId} className="merchant">
      <h2 id={headingId}>{controller.name}</h2>
      <dl className="merchant__facts">
        <div>
          <dt>{t('oma.merchant.businessId')}</dt>
          <dd>{controller.businessId}</dd>
        </div>
        <div>
          <dt>{t('oma.merchant.contact')}</dt>
          <dd>{controller.contact ? <ContactLines contact={controller.contact} /> : t('oma.merchant.noContact')}</dd>
        </div>
      </dl>
      <MerchantDownloadLink controllerId={controller.id} merchantName={controller.name} {...actions} />
      {merchant.registers.map((r) => (
        <RegisterSection key={r.registerId} register={r} merchantName={controller.name} {...actions} />
      ))}
    </section>
  );
}

function ContactLines({ contact }: { contact: Contact }) {
  const lines = Object.entries(contact)
    .map(([key, value]) => ({ key, text: valueText(value) }))
    .filter((l) => l.text);
  return (
    <ul className="plain-list">
      {lines.map((l) => (
        <li key={l.key}>{l.key === 'email' ? <a href={`mailto:${l.text}`}>{l.text}</a> : l.text}</li>
      ))}
    </ul>
  );
}
