import { sql, type ColumnType, type Generated } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { RequestType } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { todayInFinland } from '../../finnish-time.ts';
import type { Mailer } from '../mail/mailer.ts';
import { CLOSED_STATUSES, deadlineWindow, effectiveDueDate, requestReference } from './deadlines.ts';

/** The claim of a day's mail, kept by the migration 20261122T110000-request-alerts. */
interface RequestAlertsTable {
  controller_id: string;
  day: string;
  claimed_at: Generated<Date>;
  sent_at: Date | null;
  requests: Generated<number>;
  outbox_ids: ColumnType<string[], never, unknown>;
}

/** A claim older than this without sent_at belongs to a run that died; the next run takes it over. */
const CLAIM_LEASE = '10 minutes';

export interface DeadlineAlertDeps {
  database: Database;
  mailer: Mailer;
  /** The server's address, for links to the console; without it the mail has none. */
  publicUrl?: string | undefined;
}

export interface DeadlineAlertReport {
  day: string;
  /** Controllers mailed now, with the number of requests listed and of recipients. */
  sent: { controllerId: string; requests: number; recipients: number }[];
  /** Controllers already mailed today (or being mailed by another run). */
  alreadySent: string[];
  /** Controllers with requests due but no contact email in their registers' descriptions or their own details. */
  noRecipient: string[];
  failed: string[];
}

interface DueRequest {
  id: string;
  registerId: string;
  types: RequestType[];
  receivedDay: string;
  dueDate: string;
  extended: boolean;
  overdue: boolean;
}

type Lang = 'fi' | 'sv' | 'en';

const TYPE_NAMES: Record<Lang, Record<RequestType, string>> = {
  fi: {
    access: 'tietojen tarkastus',
    rectification: 'tietojen oikaisu',
    erasure: 'tietojen poistaminen',
    restriction: 'käsittelyn rajoittaminen',
    portability: 'tietojen siirtäminen',
    objection: 'käsittelyn vastustaminen',
    consent_withdrawal: 'suostumuksen peruuttaminen',
  },
  sv: {
    access: 'tillgång till uppgifter',
    rectification: 'rättelse',
    erasure: 'radering',
    restriction: 'begränsning av behandling',
    portability: 'dataportabilitet',
    objection: 'invändning mot behandling',
    consent_withdrawal: 'återkallande av samtycke',
  },
  en: {
    access: 'access',
    rectification: 'rectification',
    erasure: 'erasure',
    restriction: 'restriction of processing',
    portability: 'data portability',
    objection: 'objection to processing',
    consent_withdrawal: 'withdrawal of consent',
  },
};

const DAY_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  fi: new Intl.DateTimeFormat('fi-FI', { timeZone: 'UTC' }),
  sv: new Intl.DateTimeFormat('sv-FI', { timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

const day = (lang: Lang, date: string) => DAY_FORMATS[lang].format(Date.parse(`${date}T00:00:00Z`));

const TEXT = {
  fi: {
    heading: (controller: string, count: number, today: string) =>
      `${controller}: ${count} ${count === 1 ? 'rekisteröidyn pyyntö' : 'rekisteröityjen pyyntöä'} erääntyy seitsemän päivän kuluessa tai on jo myöhässä (tilanne ${day('fi', today)}).`,
    overdue: 'MYÖHÄSSÄ',
    reference: 'Viite',
    received: 'saapunut',
    due: 'määräaika',
    extended: 'jatkettu',
    law: 'Pyyntöön on vastattava viimeistään kuukauden kuluttua sen saapumisesta. Määräaikaa voi jatkaa enintään kahdella kuukaudella, jos rekisteröidylle ilmoitetaan jatkamisesta ja sen syistä ensimmäisen kuukauden aikana (EU:n yleinen tietosuoja-asetus 12 artiklan 3 kohta).',
    link: 'Pyynnöt konsolissa:',
  },
  sv: {
    heading: (controller: string, count: number, today: string) =>
      `${controller}: ${count} ${count === 1 ? 'begäran från en registrerad ska' : 'begäranden från registrerade ska'} besvaras inom sju dagar eller har redan passerat tidsfristen (läget den ${day('sv', today)}).`,
    overdue: 'FÖRSENAD',
    reference: 'Referens',
    received: 'mottagen',
    due: 'tidsfrist',
    extended: 'förlängd',
    law: 'En begäran ska besvaras senast en månad efter att den kommit in. Tidsfristen kan förlängas med högst två månader, om den registrerade underrättas om förlängningen och skälen till den inom den första månaden (EU:s allmänna dataskyddsförordning, artikel 12.3).',
    link: 'Begärandena i konsolen:',
  },
  en: {
    heading: (controller: string, count: number, today: string) =>
      `${controller}: ${count} data subject ${count === 1 ? 'request is' : 'requests are'} due within seven days or already overdue (as of ${day('en', today)}).`,
    overdue: 'OVERDUE',
    reference: 'Reference',
    received: 'received',
    due: 'due',
    extended: 'extended',
    law: 'A request must be answered within one month of its receipt. The deadline may be extended by at most two further months if the person is told of the extension and its reasons within the first month (GDPR Article 12(3)).',
    link: 'The requests in the console:',
  },
} as const;

const SECTION_TITLES: Record<Lang, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

/** One language's part of the mail: the requests by reference and type, never the person's name or email. */
function section(lang: Lang, controllerName: string, items: DueRequest[], today: string, link: string | null) {
  const t = TEXT[lang];
  const lines = items.map((r) => {
    const types = r.types.map((type) => TYPE_NAMES[lang][type]).join(', ');
    const due = `${t.due} ${day(lang, r.dueDate)}${r.extended ? ` (${t.extended})` : ''}`;
    return `- ${r.overdue ? `${t.overdue}: ` : ''}${t.reference} ${requestReference(r.id)} – ${types} – ${t.received} ${day(lang, r.receivedDay)} – ${due}`;
  });
  return [
    t.heading(controllerName, items.length, today),
    '',
    ...lines,
    '',
    t.law,
    ...(link ? ['', `${t.link} ${link}`] : []),
  ].join('\n');
}

export function deadlineAlertMail(
  controllerName: string,
  items: DueRequest[],
  today: string,
  link: string | null,
): { subject: string; text: string } {
  const overdue = items.filter((r) => r.overdue).length;
  const soon = items.length - overdue;
  const counts = [overdue ? `${overdue} myöhässä` : '', soon ? `${soon} erääntyy pian` : ''].filter(Boolean);
  const subject = `Rekisteröityjen pyynnöt: ${counts.join(', ')} – ${controllerName}`;
  const parts = (['fi', 'sv', 'en'] as const).map((lang) =>
    lang === 'fi'
      ? section(lang, controllerName, items, today, link)
      : `— ${SECTION_TITLES[lang]} —\n\n${section(lang, controllerName, items, today, link)}`,
  );
  return { subject: subject.replace(/[\r\n]+/g, ' '), text: `${parts.join('\n\n\n')}\n` };
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/**
 * The daily mail of the requests desk: each controller with open requests due within seven days
 * or overdue gets one mail per contact person (the contactPerson of each register the requests
 * belong to, else the controller's own contact email) listing those requests by reference and
 * type, once per Finnish day. `now` decides the day and what is due.
 */
export async function sendDeadlineAlerts(deps: DeadlineAlertDeps, now: Date): Promise<DeadlineAlertReport> {
  const { database, mailer } = deps;
  const db = database.db;
  const { today, soonUntil } = deadlineWindow(now);
  const due = effectiveDueDate();
  const report: DeadlineAlertReport = { day: today, sent: [], alreadySent: [], noRecipient: [], failed: [] };

  // Across controllers, as the owner: only which controllers have something due, nothing else.
  const controllers = await db
    .selectFrom('requests as r')
    .select('r.controller_id')
    .distinct()
    .where('r.status', 'not in', CLOSED_STATUSES)
    .where(sql<boolean>`${due} <= ${soonUntil}::date`)
    .orderBy('r.controller_id')
    .execute();

  for (const { controller_id: controllerId } of controllers) {
    try {
      const claimed = await inTenant(db, controllerId, async (tx) => {
        const alerts = tx.withTables<{ request_alerts: RequestAlertsTable }>();
        const claim = await alerts
          .insertInto('request_alerts')
          .values({ controller_id: controllerId, day: today })
          .onConflict((oc) =>
            oc
              .columns(['controller_id', 'day'])
              .doUpdateSet({ claimed_at: sql`now()` })
              .where('request_alerts.sent_at', 'is', null)
              .where('request_alerts.claimed_at', '<', sql<Date>`now() - ${CLAIM_LEASE}::interval`),
          )
          .returning('controller_id')
          .executeTakeFirst();
        if (!claim) return null;
        const [rows, contacts, controller] = await Promise.all([
          tx
            .selectFrom('requests as r')
            .select(['r.id', 'r.register_id', 'r.types', 'r.received_at', 'r.extended_due_date', due.as('due')])
            .where('r.status', 'not in', CLOSED_STATUSES)
            .where(sql<boolean>`${due} <= ${soonUntil}::date`)
            .orderBy(due)
            .orderBy('r.received_at')
            .orderBy('r.id')
            .execute(),
          tx
            .selectFrom('registers as g')
            .innerJoin('register_descriptions as d', (j) =>
              j.onRef('d.register_id', '=', 'g.id').onRef('d.version', '=', 'g.current_version'),
            )
            .select(['g.id', sql<string | null>`d.document -> 'contactPerson' ->> 'email'`.as('email')])
            .execute(),
          tx
            .selectFrom('controllers')
            .select(['name', sql<string | null>`contact ->> 'email'`.as('email')])
            .where('id', '=', controllerId)
            .executeTakeFirstOrThrow(),
        ]);
        return { rows, contacts, controller };
      });
      if (!claimed) {
        report.alreadySent.push(controllerId);
        continue;
      }

      const items: DueRequest[] = claimed.rows.map((r) => ({
        id: r.id,
        registerId: r.register_id,
        types: r.types,
        receivedDay: todayInFinland(new Date(r.received_at)),
        dueDate: r.due,
        extended: r.extended_due_date !== null,
        overdue: r.due < today,
      }));
      const fallback =
        claimed.controller.email && EMAIL.test(claimed.controller.email) ? claimed.controller.email : null;
      const contactOf = new Map(claimed.contacts.map((c) => [c.id, c.email && EMAIL.test(c.email) ? c.email : null]));
      // Each contact person is told of their own registers' requests, in one mail.
      const byRecipient = new Map<string, DueRequest[]>();
      for (const item of items) {
        const to = contactOf.get(item.registerId) ?? fallback;
        if (!to) continue;
        const key = to.toLowerCase();
        byRecipient.set(key, [...(byRecipient.get(key) ?? []), item]);
      }

      const link = deps.publicUrl ? `${deps.publicUrl}/console/controllers/${controllerId}/requests` : null;
      const outboxIds: string[] = [];
      let listed = 0;
      for (const [to, list] of byRecipient) {
        const mail = deadlineAlertMail(claimed.controller.name, list, today, link);
        const { id } = await mailer.send({ to, ...mail, kind: 'requests_due', controllerId });
        outboxIds.push(id);
        listed += list.length;
      }

      await inTenant(db, controllerId, async (tx) => {
        const alerts = tx.withTables<{ request_alerts: RequestAlertsTable }>();
        if (outboxIds.length === 0) {
          // Nobody to tell: no claim is kept, so a contact added later today is mailed on the next run.
          await alerts
            .deleteFrom('request_alerts')
            .where('controller_id', '=', controllerId)
            .where('day', '=', today)
            .execute();
          return;
        }
        await alerts
          .updateTable('request_alerts')
          .set({ sent_at: sql`now()`, requests: listed, outbox_ids: sql`${sql.val(outboxIds)}::uuid[]` })
          .where('controller_id', '=', controllerId)
          .where('day', '=', today)
          .execute();
      });
      if (outboxIds.length === 0) report.noRecipient.push(controllerId);
      else report.sent.push({ controllerId, requests: listed, recipients: outboxIds.length });
    } catch {
      // One controller's failure does not keep the others' mail back; its claim expires and the
      // next run (or the job's retry) tries again.
      report.failed.push(controllerId);
    }
  }
  return report;
}
