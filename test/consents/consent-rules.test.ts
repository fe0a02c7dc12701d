import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  CONSENT_KINDS,
  CONSENT_SOURCES,
  decide,
  purposeInfo,
  STANDARD_PURPOSES,
  type LedgerEvent,
  type PurposeInfo,
  type SubjectStanding,
} from '../../src/modules/consents/consent-rules.ts';
import { registerDescriptionSchema } from '../../src/modules/registers/description.schema.ts';
import { description } from '../fixtures/descriptions.ts';

const register = registerDescriptionSchema.parse(description());
const purposes = [...STANDARD_PURPOSES, 'email_marketing', 'customer_relationship'];
const info = (key: string) => purposeInfo(register, key)!;

const person: SubjectStanding = { kind: 'person', restrictedAt: null, erasedAt: null, hasOrders: true };
const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);

let seq = 0;
const event = (e: Partial<LedgerEvent> & Pick<LedgerEvent, 'kind'>): LedgerEvent => ({
  id: `e${++seq}`,
  seq: seq,
  channel: 'email',
  purpose: 'direct_marketing',
  source: 'order',
  noticeVersion: 1,
  occurredAt: at(seq),
  ...e,
});

const arbEvent = fc.record({
  id: fc.uuid(),
  seq: fc.integer({ min: 1, max: 1_000_000 }),
  kind: fc.constantFrom(...CONSENT_KINDS),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
  purpose: fc.constantFrom(...purposes, 'sale_and_sharing'),
  source: fc.constantFrom(...CONSENT_SOURCES),
  noticeVersion: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  occurredAt: fc.integer({ min: 0, max: 1000 }).map(at),
}) as fc.Arbitrary<LedgerEvent>;

const arbSubject = fc.record({
  kind: fc.constantFrom('person' as const, 'organisation' as const),
  restrictedAt: fc.option(fc.constant(at(0)), { nil: null }),
  erasedAt: fc.option(fc.constant(at(0)), { nil: null }),
  hasOrders: fc.boolean(),
});

const arbAsk = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  purpose: fc.constantFrom(...purposes).map<PurposeInfo>(info),
  existingCustomerMarketing: fc.boolean(),
});

describe('the contact rules', () => {
  it('never allow contact with a restricted or erased customer, whatever the ledger says', () => {
    fc.assert(
      fc.property(arbSubject, fc.array(arbEvent, { maxLength: 30 }), arbAsk, (subject, events, ask) => {
        const d = decide({ subject, events, ...ask });
        if (subject.erasedAt) expect(d).toMatchObject({ allowed: false, reason: 'erased' });
        else if (subject.restrictedAt) expect(d).toMatchObject({ allowed: false, reason: 'restriction' });
      }),
    );
  });

  it('keep a withdrawal, prohibition or objection in force through any later import', () => {
    fc.assert(
      fc.property(
        fc.array(arbEvent, { maxLength: 20 }),
        fc.array(arbEvent, { maxLength: 10 }),
        arbAsk,
        (before, imported, ask) => {
          const subject = { ...person, restrictedAt: null, erasedAt: null };
          const first = decide({ subject, events: before, ...ask });
          if (first.allowed || !['withdrawal', 'prohibition', 'objection', 'gpc'].includes(first.reason)) return;
          // The same file read again later says "yes" on every channel and purpose.
          const later = imported.map((e, i) => ({
            ...e,
            kind: 'consent_given' as const,
            source: 'import' as const,
            occurredAt: at(2000 + i),
            seq: 2_000_000 + i,
          }));
          const after = decide({ subject, events: [...before, ...later], ...ask });
          expect(after.allowed).toBe(false);
          expect(after.reason).toBe(first.reason);
        },
      ),
    );
  });

  it('turn contact back on only with a new opt-in by the person, and then always', () => {
    fc.assert(
      fc.property(
        fc.array(arbEvent, { maxLength: 20 }),
        arbAsk,
        fc.constantFrom('order', 'portal', 'console_letter'),
        (before, ask, source) => {
          const subject = { ...person };
          const optIn: LedgerEvent = {
            id: 'new',
            seq: 9_999_999,
            kind: 'consent_given',
            channel: ask.channel,
            purpose: ask.purpose.key,
            source,
            noticeVersion: 2,
            occurredAt: at(5000),
          };
          const d = decide({ subject, events: [...before, optIn], ...ask });
          expect(d).toMatchObject({ allowed: true, reason: 'consent' });
          expect(d.event?.id).toBe('new');
        },
      ),
    );
  });

  it('decide by when things happened, not by when they were recorded', () => {
    const withdrawal = event({ kind: 'consent_withdrawn', source: 'unsubscribe', occurredAt: at(10), seq: 1 });
    // An order placed before the unsubscribe but delivered after it carries an older opt-in.
    const lateOrder = event({ kind: 'consent_given', source: 'order', occurredAt: at(5), seq: 2 });
    const d = decide({
      subject: person,
      events: [withdrawal, lateOrder],
      channel: 'email',
      purpose: info('direct_marketing'),
      existingCustomerMarketing: true,
    });
    expect(d).toMatchObject({ allowed: false, reason: 'withdrawal' });
  });

  it('follow 917/2014 when the ledger is silent', () => {
    const ask = (subject: SubjectStanding, channel: (typeof CHANNELS)[number], purpose: string, ecm = false) =>
      decide({ subject, events: [], channel, purpose: info(purpose), existingCustomerMarketing: ecm });
    const org: SubjectStanding = { ...person, kind: 'organisation' };
    expect(ask(person, 'email', 'direct_marketing')).toMatchObject({
      allowed: false,
      reason: 'no_consent',
      rule: '917/2014 200 § (1)',
    });
    expect(ask(person, 'sms', 'direct_marketing', true)).toMatchObject({ allowed: true, reason: 'existing_customer' });
    expect(ask({ ...person, hasOrders: false }, 'sms', 'direct_marketing', true)).toMatchObject({
      allowed: false,
      reason: 'no_consent',
    });
    expect(ask(person, 'email', 'market_research', true)).toMatchObject({ allowed: false, reason: 'no_consent' });
    expect(ask(org, 'email', 'direct_marketing')).toMatchObject({
      allowed: true,
      reason: 'organisation_opt_out',
      rule: '917/2014 202 §',
    });
    expect(ask(person, 'post', 'direct_marketing')).toMatchObject({ allowed: true, reason: 'not_prohibited' });
    expect(ask(person, 'phone', 'opinion_research')).toMatchObject({ allowed: true, reason: 'not_prohibited' });
    expect(ask(person, 'post', 'email_marketing')).toMatchObject({ allowed: false, reason: 'no_consent' });
    expect(ask(person, 'email', 'customer_relationship')).toMatchObject({
      allowed: true,
      reason: 'legal_basis',
      rule: 'GDPR 6(1)(b)',
    });
    expect(
      decide({
        subject: null,
        events: [],
        channel: 'email',
        purpose: info('direct_marketing'),
        existingCustomerMarketing: true,
      }),
    ).toMatchObject({ allowed: false, reason: 'no_relationship' });
  });

  it('let an objection to direct marketing cover every channel and marketing purpose, and a GPC signal the sharing ones', () => {
    const objection = event({ kind: 'objection', channel: null, purpose: 'direct_marketing', source: 'portal' });
    const gpc = event({ kind: 'objection', channel: null, purpose: 'sale_and_sharing', source: 'gpc' });
    const consent = event({ kind: 'consent_given', channel: 'email', purpose: 'distance_selling', occurredAt: at(-5) });
    const events = [consent, objection, gpc];
    const ask = (channel: (typeof CHANNELS)[number], purpose: string) =>
      decide({ subject: person, events, channel, purpose: info(purpose), existingCustomerMarketing: true });
    expect(ask('post', 'direct_marketing')).toMatchObject({ allowed: false, reason: 'objection' });
    expect(ask('email', 'distance_selling')).toMatchObject({ allowed: false, reason: 'objection' });
    expect(ask('post', 'market_research')).toMatchObject({ allowed: true, reason: 'not_prohibited' });
    expect(ask('post', 'directories')).toMatchObject({ allowed: false, reason: 'gpc', rule: 'GDPR 21(5)' });
    const lift = event({
      kind: 'prohibition_lifted',
      channel: 'post',
      purpose: 'direct_marketing',
      source: 'console_letter',
    });
    expect(
      decide({
        subject: person,
        events: [...events, lift],
        channel: 'post',
        purpose: info('direct_marketing'),
        existingCustomerMarketing: true,
      }),
    ).toMatchObject({ allowed: true, reason: 'not_prohibited' });
  });
});
