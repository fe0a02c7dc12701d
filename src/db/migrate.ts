import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as createCore from './migrations/20261121T120000-create-core.ts';
import * as staffAndAudit from './migrations/20261121T140000-staff-and-audit.ts';
import * as createOutbox from './migrations/20261121T130000-create-outbox.ts';
import * as consentLedger from './migrations/20261122T010000-consent-ledger.ts';
import * as retention from './migrations/20261122T020000-retention.ts';
import * as ledgerCoveringIndex from './migrations/20261122T030000-ledger-covering-index.ts';
import * as portal from './migrations/20261122T040000-portal.ts';
import * as portalDownloads from './migrations/20261122T050000-portal-downloads.ts';
import * as portalIdentity from './migrations/20261122T060000-portal-identity.ts';
import * as requests from './migrations/20261122T080000-requests.ts';
import * as requestsDesk from './migrations/20261122T090000-requests-desk.ts';
import * as outboxAttachments from './migrations/20261122T100000-outbox-attachments.ts';
import * as requestLetterText from './migrations/20261122T100100-request-letter-text.ts';
import * as requestAlerts from './migrations/20261122T110000-request-alerts.ts';
import * as portalIndexes from './migrations/20261122T115000-portal-indexes.ts';
import * as noticeChanges from './migrations/20261122T120000-notice-changes.ts';

/** Listed by hand so that the set of migrations is part of the build, not of the file system. */
const migrations: Record<string, Migration> = {
  '20261121T120000-create-core': createCore,
  '20261121T140000-staff-and-audit': staffAndAudit,
  '20261121T130000-create-outbox': createOutbox,
  '20261122T010000-consent-ledger': consentLedger,
  '20261122T020000-retention': retention,
  '20261122T030000-ledger-covering-index': ledgerCoveringIndex,
  '20261122T040000-portal': portal,
  '20261122T050000-portal-downloads': portalDownloads,
  '20261122T060000-portal-identity': portalIdentity,
  '20261122T080000-requests': requests,
  '20261122T090000-requests-desk': requestsDesk,
  '20261122T100000-outbox-attachments': outboxAttachments,
  '20261122T100100-request-letter-text': requestLetterText,
  '20261122T110000-request-alerts': requestAlerts,
  '20261122T115000-portal-indexes': portalIndexes,
  '20261122T120000-notice-changes': noticeChanges,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its types exist
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'omadata_migrations',
    migrationLockTableName: 'omadata_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
