/**
 * The customer page's answer, read tolerantly: GET …/customers/{subjectId} gives the customer
 * (as the API's subject: src/modules/subjects/customer.schemas.ts), its orders and its events.
 */
import type { ProcessingEvent } from './types.ts';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

export interface CustomerView {
  customer: Json;
  orders: OrderView[];
  events: ProcessingEvent[];
}

export interface OrderView {
  key: string;
  orderId: string;
  placedAt: string | null;
  items: { name: string; quantity: number }[];
  amount: string | null;
  currency: string | null;
  paymentMethod: string | null;
}

export function readCustomerView(body: unknown): CustomerView {
  const root = isRecord(body) ? body : {};
  const customer = isRecord(root.customer) ? root.customer : isRecord(root.subject) ? root.subject : root;
  const orders = (Array.isArray(root.orders) ? root.orders : []).filter(isRecord).map(readOrder);
  const events = (Array.isArray(root.events) ? root.events : []).filter(isRecord) as unknown as ProcessingEvent[];
  return { customer, orders, events };
}

function readOrder(o: Json, index: number): OrderView {
  const total = isRecord(o.total) ? o.total : {};
  const payment = isRecord(o.payment) ? o.payment : {};
  const items = (Array.isArray(o.items) ? o.items : []).filter(isRecord).map((i) => ({
    name: str(i.name) ?? '',
    quantity: typeof i.quantity === 'number' ? i.quantity : 1,
  }));
  const orderId = str(o.orderId) ?? str(o.orderRef) ?? str(o.order_ref) ?? str(o.id) ?? '';
  return {
    key: str(o.id) ?? `${orderId}-${index}`,
    orderId,
    placedAt: str(o.placedAt) ?? str(o.placed_at),
    items,
    amount: str(total.amount) ?? str(o.totalAmount) ?? str(o.total_amount),
    currency: str(total.currency) ?? str(o.currency),
    paymentMethod: str(payment.method) ?? str(o.paymentMethod) ?? str(o.payment_method),
  };
}

/** The customer's fields as catalogue keys ('address.city', 'organisation.name'…) and text values. */
export function customerFields(customer: Json): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const add = (key: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    if (Array.isArray(value)) {
      if (value.length) out.push({ key, value: value.map(String).join(', ') });
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out.push({ key, value: String(value) });
    }
  };
  for (const key of ['firstName', 'lastName', 'email', 'phone']) add(key, customer[key]);
  const address = isRecord(customer.address) ? customer.address : {};
  for (const key of ['street', 'postalCode', 'city', 'country']) add(`address.${key}`, address[key]);
  for (const key of ['birthDate', 'personalIdentityCode', 'interests', 'feedback', 'ip', 'sourcePage', 'website'])
    add(key, customer[key]);
  const organisation = isRecord(customer.organisation) ? customer.organisation : {};
  for (const key of ['name', 'businessId', 'eInvoiceAddress', 'eInvoiceOperator', 'reference', 'marking']) {
    add(`organisation.${key}`, organisation[key]);
  }
  return out;
}

/** The full identity code from the reveal answer, whatever the property is called. */
export function revealedCode(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (!isRecord(body)) return null;
  return str(body.personalIdentityCode) ?? str(body.identityCode) ?? str(body.hetu) ?? str(body.value);
}
