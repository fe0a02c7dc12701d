import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

/**
 * Who the portal session has verified: an email address from a login link, and from a strong
 * identification also a phone number and the look-up hash of a henkilötunnus. A customer is the
 * person's when any verified key matches; nothing is matched on an unverified one.
 */
export interface PortalIdentity {
  emailKey: string | null;
  phone: string | null;
  hetuLookup: string | null;
}

export const identityLabel = (identity: PortalIdentity) => identity.emailKey ?? identity.phone ?? 'e-ID';

function matches(identity: PortalIdentity) {
  return (eb: ExpressionBuilder<DB, 'subjects'>) => {
    const keys = [];
    if (identity.emailKey) keys.push(eb('subjects.email_key', '=', identity.emailKey));
    if (identity.phone) keys.push(eb('subjects.phone', '=', identity.phone));
    if (identity.hetuLookup) keys.push(eb('subjects.hetu_lookup', '=', identity.hetuLookup));
    // No verified key matches nobody.
    return keys.length > 0 ? eb.or(keys) : eb.val(false);
  };
}

export function portalRepository(db: Kysely<DB> | Tx) {
  return {
    /**
     * The controllers holding a non-erased customer with this address, in any register. The one
     * read made outside a controller's row-level security (see docs/portal.md): it returns ids only.
     */
    async controllersHolding(identity: PortalIdentity): Promise<string[]> {
      const rows = await db
        .selectFrom('subjects')
        .select('controller_id')
        .distinct()
        .where(matches(identity))
        .where('erased_at', 'is', null)
        .execute();
      return rows.map((r) => r.controller_id).sort();
    },

    /** The merchant as the person sees it: name, business ID and contact. */
    async controller(controllerId: string) {
      const row = await db
        .selectFrom('controllers')
        .select(['id', 'name', 'business_id', 'contact'])
        .where('id', '=', controllerId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        name: row.name,
        businessId: row.business_id,
        contact: (typeof row.contact === 'string' ? JSON.parse(row.contact) : row.contact) as Record<
          string,
          unknown
        > | null,
      };
    },

    /** The controller's customers with the address (row-level security limits it to the tenant). */
    subjects(identity: PortalIdentity) {
      return db
        .selectFrom('subjects')
        .selectAll()
        .where(matches(identity))
        .where('erased_at', 'is', null)
        .orderBy('register_id')
        .orderBy('id')
        .execute();
    },

    ownSubject(identity: PortalIdentity, registerId: string, subjectId: string) {
      return db
        .selectFrom('subjects')
        .select(['id'])
        .where('id', '=', subjectId)
        .where('register_id', '=', registerId)
        .where(matches(identity))
        .where('erased_at', 'is', null)
        .executeTakeFirst();
    },

    orders(subjectId: string) {
      return db
        .selectFrom('orders')
        .select(['order_ref', 'placed_at', 'items', 'total_amount', 'currency', 'payment_method'])
        .where('subject_id', '=', subjectId)
        .orderBy('placed_at', 'desc')
        .execute();
    },

    events(subjectId: string, limit: number) {
      return db
        .selectFrom('processing_events')
        .select(['at', 'actor_type', 'action', 'purpose', 'fields', 'seq'])
        .where('subject_id', '=', subjectId)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
