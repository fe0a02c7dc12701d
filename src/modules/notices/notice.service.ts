import type { Tx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { SYSTEM_JOBS } from '../../jobs/system-jobs.ts';
import { registerDescriptionSchema, type RegisterDescription } from '../registers/description.schema.ts';
import type { Language } from '../registers/localized.ts';
import { registerRepository } from '../registers/register.repository.ts';
import { diffNotices, type NoticeDiff } from './notice-diff.ts';
import type { NoticeVersionEntry } from './notice-html.ts';
import { buildNotice, noticeLinks, type LiveSettings, type Notice, type NoticeSource } from './notice-model.ts';

export type NoticeFormat = 'html' | 'md' | 'pdf';

export interface LoadedNotice {
  notice: Notice;
  /** Every version of the register with its differences from the one before. */
  versions: NoticeVersionEntry[];
  currentVersion: number;
  /** The differences of this version from the one before; null for the first. */
  diff: NoticeDiff | null;
}

/** Stored versions are valid (they were checked when published) and never change: parse each once. */
const parsed = new Map<string, RegisterDescription>();

/**
 * Builds the notice of a register's description version from the database. Notices are public:
 * this reads as the database owner, like the public request form, and reveals nothing but what
 * the controller published.
 */
export function noticeService(db: Tx) {
  const repo = registerRepository(db);

  async function description(registerId: string, version: number, document: unknown) {
    const key = `${registerId}@${version}`;
    let d = parsed.get(key);
    if (!d) {
      d = registerDescriptionSchema.parse(document);
      if (parsed.size > 10_000) parsed.clear();
      parsed.set(key, d);
    }
    return d;
  }

  async function liveSettings(registerId: string): Promise<LiveSettings> {
    const last = await db
      .selectFrom('retention_sweeps')
      .select((eb) => eb.fn.max('finished_at').as('last'))
      .where('register_id', '=', registerId)
      .where('dry_run', '=', false)
      .executeTakeFirst();
    return {
      retentionSweep: { cron: SYSTEM_JOBS.retentionSweep.cron, lastRunAt: last?.last ? new Date(last.last) : null },
    };
  }

  return {
    /**
     * The notice of one version (the current one when version is null) in one language, with the
     * list of versions and their differences. baseUrl '' gives root-relative links (the web page);
     * the public URL gives absolute ones (Markdown, PDF, the command line).
     */
    async load(registerId: string, version: number | null, lang: Language, baseUrl: string): Promise<LoadedNotice> {
      const register = await repo.findById(registerId);
      if (!register) throw notFound('Register');
      const controller = await db
        .selectFrom('controllers')
        .select(['name', 'business_id', 'contact'])
        .where('id', '=', register.controller_id)
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('register_descriptions')
        .select(['version', 'document', 'created_at'])
        .where('register_id', '=', registerId)
        .orderBy('version')
        .execute();
      const wanted = version ?? register.current_version;
      if (!rows.some((r) => r.version === wanted)) throw notFound('Register description version');
      const contact = (
        typeof controller.contact === 'string' ? JSON.parse(controller.contact) : controller.contact
      ) as Record<string, unknown> | null;
      const live = await liveSettings(registerId);
      const links = noticeLinks(baseUrl, registerId, lang);

      const notices: Notice[] = [];
      for (const row of rows) {
        const source: NoticeSource = {
          registerId,
          version: row.version,
          publishedAt: new Date(row.created_at),
          controller: {
            name: controller.name,
            businessId: controller.business_id,
            contact,
          },
          description: await description(registerId, row.version, row.document),
          links,
          ...(row.version === wanted ? { live } : {}),
        };
        notices.push(buildNotice(source, lang));
      }
      const versions: NoticeVersionEntry[] = notices.map((n, i) => ({
        version: n.version,
        publishedOn: n.publishedOn,
        diff: i === 0 ? null : diffNotices(notices[i - 1]!, n),
      }));
      const index = notices.findIndex((n) => n.version === wanted);
      return {
        notice: notices[index]!,
        versions,
        currentVersion: register.current_version,
        diff: versions[index]!.diff,
      };
    },
  };
}
