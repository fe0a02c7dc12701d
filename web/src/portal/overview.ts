/**
 * GET /api/v1/portal/overview read tolerantly: missing lists become empty, so that a register
 * without orders or events (or a newer server) still renders.
 */
import type { Merchant, Overview, PortalPermissions, PortalRegister } from './types.ts';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

export function readPermissions(v: unknown): PortalPermissions {
  const p = isRecord(v) ? v : {};
  return {
    purposes: list(p.purposes) as unknown as PortalPermissions['purposes'],
    channels: Array.isArray(p.channels) ? p.channels.map(String) : [],
    state: list(p.state) as unknown as PortalPermissions['state'],
    events: list(p.events) as unknown as PortalPermissions['events'],
  };
}

/** True when an answer is a permissions state (the toggle's and the objection's answers). */
export function isPermissions(v: unknown): boolean {
  return isRecord(v) && Array.isArray(v.state);
}

function readRegister(r: Json): PortalRegister {
  const subject = isRecord(r.subject) ? r.subject : {};
  return {
    registerId: str(r.registerId),
    name: isRecord(r.name) ? (r.name as unknown as PortalRegister['name']) : { fi: str(r.name) },
    purposes: list(r.purposes) as unknown as PortalRegister['purposes'],
    noticeUrl: typeof r.noticeUrl === 'string' ? r.noticeUrl : null,
    subject: {
      id: str(subject.id),
      fields: isRecord(subject.fields) ? subject.fields : {},
      restricted: subject.restricted === true,
      correctable: list(subject.correctable) as unknown as PortalRegister['subject']['correctable'],
    },
    orders: list(r.orders) as unknown as PortalRegister['orders'],
    requests: list(r.requests) as unknown as PortalRegister['requests'],
    disclosures: list(r.disclosures) as unknown as PortalRegister['disclosures'],
    permissions: readPermissions(r.permissions),
    events: list(r.events) as unknown as PortalRegister['events'],
  };
}

function readMerchant(m: Json): Merchant {
  const c = isRecord(m.controller) ? m.controller : {};
  return {
    controller: {
      id: str(c.id),
      name: str(c.name),
      businessId: str(c.businessId),
      contact: isRecord(c.contact) ? c.contact : null,
    },
    registers: list(m.registers).map(readRegister),
  };
}

export function readOverview(body: unknown): Overview {
  const o = isRecord(body) ? body : {};
  return { email: str(o.email), merchants: list(o.merchants).map(readMerchant) };
}

/** A stored value as text: lists joined, an address or other object as its parts. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(', ');
  if (isRecord(value)) return Object.values(value).map(valueText).filter(Boolean).join(', ');
  return str(value);
}
