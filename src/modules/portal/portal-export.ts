import { fieldsOf } from './portal.service.ts';
import { randomUUID } from 'node:crypto';
import { finished, type Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Tx } from '../../db/database.ts';
import type { DB, OrderItem, Subject } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { DomainError, notFound } from '../../errors.ts';
import { todayInFinland } from '../../finnish-time.ts';
import { appendEvents, type NewEvent } from '../audit/audit.service.ts';
import { consentService, permissionTable } from '../consents/consent.service.ts';
import { registerService, type LoadedRegister } from '../registers/register.service.ts';
import { portalRepository, type PortalIdentity } from './portal.repository.ts';
import type { ExportLanguage } from './portal-export-readme.ts';
import {
  EXPORT_SCHEMA_PATH,
  portalExportJsonSchema,
  portalExportSchema,
  type ExportRegister,
} from './portal-export.schema.ts';
import { zipOf } from './portal-export-zip.ts';

/** A claim older than this was left by a process that stopped while making the zip. */
export const DOWNLOAD_STALE_MINUTES = 10;

export interface DownloadRequest {
  /** One merchant, or every merchant holding the person (null). */
  controllerId: string | null;
  /** The README's language; without one it is written in Finnish, Swedish and English. */
  lang: ExportLanguage | null;
}

/** Reads for the download: unlike the overview's, they have no limit. */
function exportRepository(tx: Tx) {
  return {
    orders(subjectId: string) {
      return tx
        .selectFrom('orders')
        .select([
          'order_ref',
          'placed_at',
          'items',
          'total_amount',
          'currency',
          'payment_method',
          'invoice_state',
          'source_page',
          'ip',
          'terms_accepted',
        ])
        .where('subject_id', '=', subjectId)
        .orderBy('placed_at', 'desc')
        .orderBy('order_ref')
        .execute();
    },

    consentHistory(subjectId: string) {
      return tx
        .selectFrom('consent_events')
        .select(['id', 'kind', 'channel', 'purpose', 'source', 'notice_version', 'occurred_at', 'recorded_at', 'ip'])
        .where('subject_id', '=', subjectId)
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .execute();
    },

    processingEvents(subjectId: string) {
      return tx
        .selectFrom('processing_events')
        .select(['at', 'actor_type', 'action', 'purpose', 'fields'])
        .where('subject_id', '=', subjectId)
        .orderBy('seq', 'desc')
        .execute();
    },
  };
}

/**
 * At most one download at a time per person, across processes: a row per identity claimed with
 * one INSERT … ON CONFLICT that takes over only a stale claim, and deleted by its own claim id.
 */
function downloadClaims(db: Kysely<DB>) {
  return {
    async claim(identityKey: string): Promise<string | null> {
      const claimId = randomUUID();
      const row = await db
        .insertInto('portal_downloads')
        .values({ identity_key: identityKey, claim_id: claimId })
        .onConflict((oc) =>
          oc
            .column('identity_key')
            .doUpdateSet({ claim_id: claimId, claimed_at: sql<Date>`now()` })
            .where(
              'portal_downloads.claimed_at',
              '<',
              sql<Date>`now() - make_interval(mins => ${DOWNLOAD_STALE_MINUTES})`,
            ),
        )
        .returning('claim_id')
        .executeTakeFirst();
      return row?.claim_id === claimId ? claimId : null;
    },

    async release(identityKey: string, claimId: string): Promise<void> {
      await db
        .deleteFrom('portal_downloads')
        .where('identity_key', '=', identityKey)
        .where('claim_id', '=', claimId)
        .execute();
    },
  };
}

/** The claim's key: a keyed hash of every verified key of the person, so the table names no one. */
export function downloadIdentityKey(secretBox: SecretBox, identity: PortalIdentity): string {
  return secretBox.lookupHash(
    `portal-download:${JSON.stringify([identity.emailKey, identity.phone, identity.hetuLookup])}`,
  );
}

const iso = (d: Date | string) => new Date(d).toISOString();

type OrderRow = Awaited<ReturnType<ReturnType<typeof exportRepository>['orders']>>[number];

async function registerExport(
  tx: Tx,
  register: LoadedRegister,
  s: Subject,
  orders: OrderRow[],
): Promise<ExportRegister> {
  const repo = exportRepository(tx);
  const consents = consentService(tx);
  const [history, events, standings] = await Promise.all([
    repo.consentHistory(s.id),
    repo.processingEvents(s.id),
    consents.standings(register.id, { subjectId: s.id }, null),
  ]);
  const standing = standings[0];
  if (!standing) throw notFound('Customer');
  const d = register.description;
  return {
    registerId: register.id,
    name: d.name,
    descriptionVersion: register.version,
    noticeUrl: `/notices/${register.id}`,
    purposes: d.purposes.map((p) => ({ key: p.key, name: p.name, legalBasis: p.legalBasis })),
    recipients: d.recipients.map((r) => ({
      name: r.name,
      category: r.category,
      country: r.country,
      fields: [...r.fields],
      purposes: [...r.purposes],
    })),
    subject: {
      id: s.id,
      kind: s.kind,
      source: s.source,
      createdAt: iso(s.created_at),
      lastActivityAt: iso(s.last_activity_at),
      fields: fieldsOf(s),
    },
    restriction: { restricted: s.restricted_at !== null, since: s.restricted_at ? iso(s.restricted_at) : null },
    orders: orders.map((o) => ({
      orderId: o.order_ref,
      placedAt: iso(o.placed_at),
      items: (typeof o.items === 'string' ? JSON.parse(o.items) : o.items) as OrderItem[],
      total: { amount: String(o.total_amount), currency: o.currency },
      paymentMethod: o.payment_method,
      invoiceState: o.invoice_state,
      sourcePage: o.source_page,
      ip: o.ip,
      termsAccepted: o.terms_accepted,
    })),
    permissions: {
      state: permissionTable(register, standing).map(({ channel, purpose, decision }) => ({
        channel,
        purpose,
        allowed: decision.allowed,
        reason: decision.reason,
        rule: decision.rule,
      })),
      history: history.map((e) => ({
        id: e.id,
        kind: e.kind,
        channel: e.channel,
        purpose: e.purpose,
        source: e.source,
        noticeVersion: e.notice_version,
        occurredAt: iso(e.occurred_at),
        recordedAt: iso(e.recorded_at),
        ip: e.ip,
      })),
    },
    processingEvents: events.map((e) => ({
      at: iso(e.at),
      actorType: e.actor_type,
      action: e.action,
      purpose: e.purpose,
      fields: e.fields,
    })),
  };
}

/**
 * One customer's data as the download has it, for the requests desk's answer to an access or
 * portability request: the same data.json, schema and CSV tables, as one zip in memory.
 */
export async function subjectExportZip(
  tx: Tx,
  register: LoadedRegister,
  subjectId: string,
  site: { publicUrl: string },
  lang: ExportLanguage | null,
): Promise<{ content: Buffer; filename: string }> {
  const s = await tx.selectFrom('subjects').selectAll().where('id', '=', subjectId).executeTakeFirst();
  if (!s || s.erased_at) throw notFound('Customer');
  const controller = await portalRepository(tx).controller(register.controllerId);
  if (!controller) throw notFound('Controller');
  const orders = await exportRepository(tx).orders(s.id);
  const generatedAt = new Date();
  const doc = portalExportSchema.parse({
    $schema: `${site.publicUrl}${EXPORT_SCHEMA_PATH}`,
    formatVersion: 1,
    generatedAt: generatedAt.toISOString(),
    person: { email: s.email_key },
    scope: { controllerId: register.controllerId },
    merchants: [
      {
        controller,
        registers: [await registerExport(tx, register, s, orders)],
      },
    ],
  });
  const chunks: Buffer[] = [];
  for await (const chunk of zipOf(doc, lang, site.publicUrl)) chunks.push(chunk as Buffer);
  return { content: Buffer.concat(chunks), filename: `omadata-${todayInFinland(generatedAt)}.zip` };
}

/**
 * The portal's "download everything" (GDPR articles 15 and 20): one zip of data.json, its JSON
 * Schema and CSV tables, for one merchant or all of them.
 */
export function portalExport(db: Kysely<DB>, secretBox: SecretBox, site: { publicUrl: string }) {
  const owner = portalRepository(db);
  const claims = downloadClaims(db);
  const releasing = new Set<Promise<void>>();

  /** Releases the claim once the zip has been sent or has failed (the client went away). */
  function releaseAfter(zip: Readable, identityKey: string, claimId: string) {
    finished(zip, () => {
      // A release that fails leaves a claim that goes stale in DOWNLOAD_STALE_MINUTES.
      const release = claims
        .release(identityKey, claimId)
        .catch(() => undefined)
        .finally(() => releasing.delete(release));
      releasing.add(release);
    });
  }

  /** Every controller holding the person, or the one asked for (404 unless it holds them). */
  async function scopeOf(identity: PortalIdentity, controllerId: string | null): Promise<string[]> {
    const holding = await owner.controllersHolding(identity);
    if (controllerId === null) return holding;
    if (!holding.includes(controllerId)) throw notFound('Merchant');
    return [controllerId];
  }

  /** Each customer of the person at each controller in scope: one event each, one transaction per controller. */
  async function recordRefusal(identity: PortalIdentity, controllers: string[]) {
    for (const controllerId of controllers) {
      await inTenant(db, controllerId, async (tx) => {
        const subjects = await portalRepository(tx).subjects(identity);
        await appendEvents(
          tx,
          controllerId,
          { type: 'subject', id: null },
          subjects.map((s) => ({
            actor: { type: 'subject', id: s.id },
            registerId: s.register_id,
            subjectId: s.id,
            action: 'portal.download_refused',
            purpose: 'data_subject_access',
            fields: [],
          })),
        );
      });
    }
  }

  /**
   * One merchant's part. The `portal.downloaded` events are appended first, in the same
   * transaction, so the trail in the download includes the download itself.
   */
  async function merchantExport(controllerId: string, identity: PortalIdentity) {
    return inTenant(db, controllerId, async (tx) => {
      const repo = portalRepository(tx);
      const controller = await repo.controller(controllerId);
      const subjects = await repo.subjects(identity);
      if (!controller || subjects.length === 0) return null;
      const found: Array<{ s: Subject; register: LoadedRegister; orders: OrderRow[] }> = [];
      const downloaded: NewEvent[] = [];
      for (const s of subjects) {
        const register = await registerService(tx).loadForController(controllerId, s.register_id);
        const orders = await exportRepository(tx).orders(s.id);
        found.push({ s, register, orders });
        downloaded.push({
          actor: { type: 'subject', id: s.id },
          registerId: register.id,
          subjectId: s.id,
          action: 'portal.downloaded',
          purpose: 'data_subject_access',
          fields: [...Object.keys(fieldsOf(s)), ...(orders.length > 0 ? ['orders'] : []), 'marketingPermissions'],
        });
      }
      await appendEvents(tx, controllerId, { type: 'subject', id: null }, downloaded);
      const registers = [];
      for (const { s, register, orders } of found) registers.push(await registerExport(tx, register, s, orders));
      return {
        controller,
        registers,
      };
    });
  }

  return {
    /**
     * Claims the person's download, reads everything in scope and answers the zip as a stream;
     * the claim is released when the stream has ended or failed. A second download asked
     * meanwhile is refused (409) and the refusal recorded.
     */
    async download(identity: PortalIdentity, request: DownloadRequest): Promise<{ zip: Readable; filename: string }> {
      const controllers = await scopeOf(identity, request.controllerId);
      const identityKey = downloadIdentityKey(secretBox, identity);
      const claimId = await claims.claim(identityKey);
      if (!claimId) {
        await recordRefusal(identity, controllers);
        throw new DomainError(
          'download_in_progress',
          'A download is already being prepared for you: wait until it has finished, then try again',
        );
      }
      let handedOver = false;
      try {
        const merchants = [];
        for (const controllerId of controllers) {
          const m = await merchantExport(controllerId, identity);
          if (m) merchants.push(m);
        }
        const generatedAt = new Date();
        // Parsed with the published schema: nothing outside it leaves, and data.json always validates.
        const doc = portalExportSchema.parse({
          $schema: `${site.publicUrl}${EXPORT_SCHEMA_PATH}`,
          formatVersion: 1,
          generatedAt: generatedAt.toISOString(),
          person: { email: identity.emailKey },
          scope: { controllerId: request.controllerId },
          merchants,
        });
        const zip = zipOf(doc, request.lang, site.publicUrl);
        releaseAfter(zip, identityKey, claimId);
        handedOver = true;
        return { zip, filename: `omadata-${todayInFinland(generatedAt)}.zip` };
      } finally {
        if (!handedOver) await claims.release(identityKey, claimId);
      }
    },

    jsonSchema: () => portalExportJsonSchema(site.publicUrl),

    /** Waits for claims still being released (on close, and in tests). */
    async settled(): Promise<void> {
      await Promise.all([...releasing]);
    },
  };
}
