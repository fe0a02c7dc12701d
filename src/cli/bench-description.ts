import { FIELD_KEYS } from '../modules/registers/field-catalogue.ts';

const t = (fi: string, en: string, sv: string) => ({ fi, sv, en });

/** A register that declares every catalogue field, for the benchmark's customers and orders. */
export function benchDescription() {
  return {
    formatVersion: 1,
    name: t('Suorituskykymittaus', 'Benchmark register', 'Prestandamätning'),
    contactPerson: { name: 'Bench', email: 'bench@example.fi' },
    subjectCategories: [t('Asiakkaat', 'Customers', 'Kunder')],
    purposes: [
      {
        key: 'customer_relationship',
        name: t('Asiakassuhde', 'Customer relationship', 'Kundrelation'),
        legalBasis: 'contract',
        dataUse: 'essential.service',
      },
    ],
    fields: FIELD_KEYS.map((key) => ({ key, purposes: ['customer_relationship'] })),
    sources: [t('Asiakas', 'The customer', 'Kunden')],
    retention: [
      {
        key: 'customer_data',
        fields: FIELD_KEYS.filter((f) => f !== 'orders'),
        period: { years: 2 },
        trigger: 'last_activity',
        reason: t(
          'Kaksi vuotta viimeisestä asioinnista',
          'Two years after the last activity',
          'Två år efter senaste besök',
        ),
      },
      {
        key: 'accounting',
        fields: [
          'orders',
          'firstName',
          'lastName',
          'address.street',
          'address.postalCode',
          'address.city',
          'address.country',
        ],
        period: { years: 10 },
        trigger: 'financial_year_end',
        reason: t('Kirjanpitolaki 1336/1997', 'Accounting Act 1336/1997', 'Bokföringslagen 1336/1997'),
        law: 'Kirjanpitolaki 1336/1997 2:10 §',
      },
    ],
    security: {
      manual: t('Ei paperiaineistoa', 'No paper records', 'Inget pappersmaterial'),
      electronic: t('Salattu', 'Encrypted', 'Krypterat'),
    },
    profiling: { automatedDecisions: false, description: t('Ei profilointia', 'No profiling', 'Ingen profilering') },
  };
}
