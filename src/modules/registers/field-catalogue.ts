import type { Localized } from './localized.ts';

/**
 * Every field Omadata can hold about a customer, with its Fides data category so that a
 * register description reads as a Fides dataset too. The five seed notices list nothing
 * outside this set (see docs/register-descriptions.md); a register declares the subset it uses.
 */
export interface CatalogueField {
  key: FieldKey;
  label: Localized;
  /** fideslang data category */
  category: string;
  appliesTo: 'person' | 'organisation' | 'any' | 'order';
}

export const FIELD_KEYS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'birthDate',
  'personalIdentityCode',
  'interests',
  'feedback',
  'ip',
  'sourcePage',
  'website',
  'organisation.name',
  'organisation.businessId',
  'organisation.eInvoiceAddress',
  'organisation.eInvoiceOperator',
  'organisation.reference',
  'organisation.marking',
  'orders',
  'termsAcceptance',
  'marketingPermissions',
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];

export const FIELD_CATALOGUE: Record<FieldKey, CatalogueField> = {
  firstName: {
    key: 'firstName',
    label: { fi: 'Etunimi', sv: 'Förnamn', en: 'First name' },
    category: 'user.name.first',
    appliesTo: 'any',
  },
  lastName: {
    key: 'lastName',
    label: { fi: 'Sukunimi', sv: 'Efternamn', en: 'Last name' },
    category: 'user.name.last',
    appliesTo: 'any',
  },
  email: {
    key: 'email',
    label: { fi: 'Sähköpostiosoite', sv: 'E-postadress', en: 'Email address' },
    category: 'user.contact.email',
    appliesTo: 'any',
  },
  phone: {
    key: 'phone',
    label: { fi: 'Puhelinnumero', sv: 'Telefonnummer', en: 'Phone number' },
    category: 'user.contact.phone_number',
    appliesTo: 'any',
  },
  'address.street': {
    key: 'address.street',
    label: { fi: 'Katuosoite', sv: 'Gatuadress', en: 'Street address' },
    category: 'user.contact.address.street',
    appliesTo: 'any',
  },
  'address.postalCode': {
    key: 'address.postalCode',
    label: { fi: 'Postinumero', sv: 'Postnummer', en: 'Postal code' },
    category: 'user.contact.address.postal_code',
    appliesTo: 'any',
  },
  'address.city': {
    key: 'address.city',
    label: { fi: 'Postitoimipaikka', sv: 'Postort', en: 'City' },
    category: 'user.contact.address.city',
    appliesTo: 'any',
  },
  'address.country': {
    key: 'address.country',
    label: { fi: 'Maa', sv: 'Land', en: 'Country' },
    category: 'user.contact.address.country',
    appliesTo: 'any',
  },
  birthDate: {
    key: 'birthDate',
    label: { fi: 'Syntymäaika', sv: 'Födelsedatum', en: 'Date of birth' },
    category: 'user.demographic.date_of_birth',
    appliesTo: 'person',
  },
  personalIdentityCode: {
    key: 'personalIdentityCode',
    label: { fi: 'Henkilötunnus', sv: 'Personbeteckning', en: 'Personal identity code' },
    category: 'user.government_id.national_identification_number',
    appliesTo: 'person',
  },
  interests: {
    key: 'interests',
    label: { fi: 'Kiinnostuksen kohteet', sv: 'Intressen', en: 'Interests' },
    category: 'user.demographic.profile',
    appliesTo: 'any',
  },
  feedback: {
    key: 'feedback',
    label: { fi: 'Asiakaspalaute', sv: 'Kundrespons', en: 'Customer feedback' },
    category: 'user.content.private',
    appliesTo: 'any',
  },
  ip: {
    key: 'ip',
    label: { fi: 'IP-osoite', sv: 'IP-adress', en: 'IP address' },
    category: 'user.device.ip_address',
    appliesTo: 'any',
  },
  sourcePage: {
    key: 'sourcePage',
    label: { fi: 'Tilauksen lähdesivu', sv: 'Beställningens källsida', en: 'Source page of the order' },
    category: 'user.behavior.browsing_history',
    appliesTo: 'any',
  },
  website: {
    key: 'website',
    label: { fi: 'WWW-osoite', sv: 'Webbadress', en: 'Website' },
    category: 'user.contact.social_url',
    appliesTo: 'any',
  },
  'organisation.name': {
    key: 'organisation.name',
    label: { fi: 'Yrityksen nimi', sv: 'Företagets namn', en: 'Company name' },
    category: 'user.professional_information.workplace',
    appliesTo: 'organisation',
  },
  'organisation.businessId': {
    key: 'organisation.businessId',
    label: { fi: 'Y-tunnus', sv: 'FO-nummer', en: 'Business ID' },
    category: 'user.professional_information.workplace',
    appliesTo: 'organisation',
  },
  'organisation.eInvoiceAddress': {
    key: 'organisation.eInvoiceAddress',
    label: { fi: 'Verkkolaskuosoite', sv: 'E-fakturaadress', en: 'E-invoice address' },
    category: 'user.financial',
    appliesTo: 'organisation',
  },
  'organisation.eInvoiceOperator': {
    key: 'organisation.eInvoiceOperator',
    label: { fi: 'Välittäjätunnus', sv: 'Förmedlarkod', en: 'E-invoice operator ID' },
    category: 'user.financial',
    appliesTo: 'organisation',
  },
  'organisation.reference': {
    key: 'organisation.reference',
    label: { fi: 'Viite', sv: 'Referens', en: 'Reference' },
    category: 'user.financial',
    appliesTo: 'organisation',
  },
  'organisation.marking': {
    key: 'organisation.marking',
    label: { fi: 'Merkki', sv: 'Märkning', en: 'Marking' },
    category: 'user.financial',
    appliesTo: 'organisation',
  },
  orders: {
    key: 'orders',
    label: {
      fi: 'Tilaushistoria (tuotteet, summat, maksutapa)',
      sv: 'Orderhistorik (produkter, belopp, betalningssätt)',
      en: 'Order history (items, sums, payment method)',
    },
    category: 'user.behavior.purchase_history',
    appliesTo: 'order',
  },
  termsAcceptance: {
    key: 'termsAcceptance',
    label: { fi: 'Ehtojen hyväksyntä', sv: 'Godkännande av villkor', en: 'Acceptance of terms' },
    category: 'user.privacy_preferences',
    appliesTo: 'order',
  },
  marketingPermissions: {
    key: 'marketingPermissions',
    label: {
      fi: 'Markkinointiluvat ja -kiellot',
      sv: 'Marknadsföringstillstånd och -förbud',
      en: 'Marketing permissions and prohibitions',
    },
    category: 'user.privacy_preferences',
    appliesTo: 'any',
  },
};
