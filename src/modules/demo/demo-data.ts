import type { OrderInput } from '../orders/order.schemas.ts';
import type { FieldKey } from '../registers/field-catalogue.ts';

const FIRST = [
  'Aino',
  'Eino',
  'Helmi',
  'Väinö',
  'Sofia',
  'Leo',
  'Ella',
  'Onni',
  'Aada',
  'Elias',
  'Lilja',
  'Oliver',
  'Venla',
  'Eetu',
  'Saga',
  'Elmo',
  'Linnea',
  'Axel',
  'Iida',
  'Niilo',
];
const LAST = [
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Mäkelä',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lindqvist',
  'Lehtonen',
  'Saarinen',
  'Salminen',
  'Heinonen',
  'Niemi',
  'Heikkilä',
  'Kinnunen',
  'Salonen',
  'Turunen',
];
const PLACES: [string, string][] = [
  ['00100', 'Helsinki'],
  ['02100', 'Espoo'],
  ['01300', 'Vantaa'],
  ['33100', 'Tampere'],
  ['20100', 'Turku'],
  ['90100', 'Oulu'],
  ['40100', 'Jyväskylä'],
  ['15110', 'Lahti'],
  ['70100', 'Kuopio'],
  ['22100', 'Maarianhamina'],
];
const STREETS = [
  'Koulukatu',
  'Rantatie',
  'Puistokatu',
  'Kirkkokatu',
  'Mäntytie',
  'Koivukuja',
  'Satamakatu',
  'Asemakatu',
];
const PRODUCTS: [string, string][] = [
  ['TEA-01', 'Vihreä tee 100 g'],
  ['MUG-02', 'Keraaminen muki'],
  ['BOOK-03', 'Keittokirja'],
  ['SOAP-04', 'Koivusaippua'],
  ['SOCK-05', 'Villasukat'],
  ['CAND-06', 'Kynttilä'],
];

/** Small deterministic generator so demo data and benchmark data are the same on every run. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  birthDate: string;
}

export function demoPerson(i: number, domain = 'example.fi'): DemoPerson {
  const r = rng(i * 2654435761 + 17);
  const firstName = FIRST[Math.floor(r() * FIRST.length)]!;
  const lastName = LAST[Math.floor(r() * LAST.length)]!;
  const [postalCode, city] = PLACES[Math.floor(r() * PLACES.length)]!;
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '');
  const year = 1940 + Math.floor(r() * 65);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  return {
    firstName,
    lastName,
    email: `${ascii(firstName)}.${ascii(lastName)}.${i}@${domain}`,
    phone: `+35840${String(1000000 + ((i * 7919) % 8999999)).padStart(7, '0')}`,
    street: `${STREETS[Math.floor(r() * STREETS.length)]} ${1 + Math.floor(r() * 60)}`,
    postalCode,
    city,
    country: postalCode.startsWith('22') ? 'AX' : 'FI',
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** An order for customer i, carrying only what the register declares. */
export function demoOrder(i: number, n: number, declared: ReadonlySet<FieldKey>, now = Date.now()): OrderInput {
  const p = demoPerson(i);
  const r = rng(i * 31 + n * 7 + 3);
  const d = (key: FieldKey) => declared.has(key);
  const items = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const [sku, name] = PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
    return { sku, name, quantity: 1 + Math.floor(r() * 3), unitPrice: (5 + Math.floor(r() * 4000) / 100).toFixed(2) };
  });
  const cents = items.reduce((sum, it) => sum + Math.round(Number(it.unitPrice) * 100) * it.quantity, 0);
  const placedAt = new Date(now - Math.floor(r() * 700) * 86_400_000 - Math.floor(r() * 86_400_000));
  return {
    orderId: `DEMO-${i}-${n}`,
    placedAt: placedAt.toISOString(),
    customer: {
      firstName: d('firstName') ? p.firstName : null,
      lastName: d('lastName') ? p.lastName : null,
      email: p.email,
      phone: d('phone') ? p.phone : null,
      address: {
        street: d('address.street') ? p.street : null,
        postalCode: d('address.postalCode') ? p.postalCode : null,
        city: d('address.city') ? p.city : null,
        country: d('address.country') ? p.country : null,
      },
      birthDate: d('birthDate') ? p.birthDate : null,
    },
    items,
    total: { amount: (cents / 100).toFixed(2), currency: 'EUR' },
    payment: { method: r() < 0.3 ? 'invoice' : 'card' },
    sourcePage: d('sourcePage') ? 'https://kauppa.example.fi/kassa' : null,
    ip: d('ip') ? `198.51.100.${i % 250}` : null,
    termsAccepted: d('termsAcceptance') ? true : null,
    marketingOptIn: d('marketingPermissions') ? { email: r() < 0.4, sms: false } : null,
  };
}
