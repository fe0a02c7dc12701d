import { RECORD_WORDS } from './records-texts.ts';
import type { ControllerRecord, ProcessorRecord, RegisterRecord } from './records.service.ts';

const esc = (s: string | number) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; } .basis { color: #444; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: page; } h2:first-of-type { break-before: auto; } }
`;

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const list = (items: string[], empty: string) =>
  items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p>${esc(empty)}</p>`;

function table(caption: string, head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<h3>${esc(caption)}</h3><p>${esc(empty)}</p>`;
  return `<h3>${esc(caption)}</h3><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

const dl = (rows: Array<[string, string]>) =>
  `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;

function registerSection(r: RegisterRecord, record: ControllerRecord): string {
  const w = RECORD_WORDS[record.language];
  const parts = [
    `<h2 id="register-${esc(r.id)}">${esc(r.name)}</h2>`,
    `<p class="basis">${esc(w.version(r.version, r.publishedOn))}</p>`,
    r.description ? `<p>${esc(r.description)}</p>` : '',
    dl([
      [w.contactPerson, r.contactPerson],
      [w.dpo, r.dpo ?? w.noneDeclared],
      [w.jointControllers, w.noneDeclared],
    ]),
    table(
      w.purposes,
      [w.purpose, w.legalBasis, w.legitimateInterest, w.fields, w.dataUse],
      r.purposes.map((p) => [
        p.name,
        p.legalBasis,
        p.legitimateInterest ?? w.none,
        p.fields.join(', ') || w.none,
        p.dataUse,
      ]),
      w.none,
    ),
    `<h3>${esc(w.subjectCategories)}</h3>`,
    list(r.subjectCategories, w.none),
    table(
      w.dataCategories,
      [w.field, w.category, w.purposeList],
      r.dataCategories.map((f) => [f.label, f.category, f.purposes.join(', ')]),
      w.none,
    ),
    r.externalData.length
      ? table(
          w.externalData,
          [w.field, w.category, w.purposeList],
          r.externalData.map((x) => [x.name, x.category, x.purposes.join(', ')]),
          w.none,
        )
      : '',
    `<h3>${esc(w.sources)}</h3>`,
    list(r.sources, w.none),
    table(
      w.recipients,
      [w.recipient, w.category, w.country, w.fields, w.purposeList],
      r.recipients.map((x) => [
        x.name,
        x.category,
        x.outsideEea ? `${x.country}, ${w.outsideEea}` : x.country,
        x.fields.join(', ') || w.none,
        x.purposes.join(', '),
      ]),
      w.none,
    ),
    table(
      w.processors,
      [w.processor.processor, w.service, w.country, w.safeguard],
      r.processors.map((p) => [
        p.name,
        p.service,
        p.outsideEea ? `${p.country}, ${w.outsideEea}` : p.country,
        p.safeguard ?? w.none,
      ]),
      w.none,
    ),
    `<h3>${esc(w.thirdCountries)}</h3>`,
    list(r.thirdCountries, w.noThirdCountries),
    table(
      w.transfers,
      [w.country, w.recipient, w.safeguard, w.description],
      r.transfers.map((t) => [t.country, t.recipient, t.safeguard, t.description ?? w.none]),
      w.noTransfers,
    ),
    table(
      w.retention,
      [w.fields, w.period, w.from, w.reason, w.law],
      r.retention.map((x) => [x.fields.join(', '), x.period, x.from, x.reason, x.law ?? w.none]),
      w.none,
    ),
    `<p>${esc(record.sweep)}</p>`,
    `<h3>${esc(w.security)}</h3>`,
    dl([
      [w.manual, r.security.manual],
      [w.electronic, r.security.electronic],
    ]),
    `<h3>${esc(w.facts)}</h3>`,
    dl([
      [w.customers, String(r.facts.customers)],
      [w.erased, String(r.facts.erased)],
      [w.lastSweep, r.facts.lastSweepOn ?? w.notYet],
    ]),
  ];
  return parts.join('\n');
}

export function controllerRecordHtml(record: ControllerRecord): string {
  const w = RECORD_WORDS[record.language];
  const c = record.controller;
  const body = [
    `<h1>${esc(w.title)}: ${esc(c.name)}</h1>`,
    `<p class="basis">${esc(w.basis)}. ${esc(w.generated)} ${esc(record.generatedOn)}.</p>`,
    dl([
      [w.controller, c.name],
      [w.businessId, c.businessId],
      [w.contact, c.contact.join(', ') || w.noneDeclared],
      [w.dpo, record.dpos.join('; ') || w.noneDeclared],
      [w.representative, w.representativeNone],
      [w.registers, record.registers.map((r) => r.name).join('; ') || w.none],
    ]),
    `<h3>${esc(w.platformSecurity)}</h3>`,
    list(record.platformSecurity, w.none),
    ...record.registers.map((r) => registerSection(r, record)),
  ];
  return page(record.language, `${w.title}: ${c.name}`, body.join('\n'));
}

export function processorRecordHtml(record: ProcessorRecord): string {
  const w = RECORD_WORDS[record.language];
  const p = w.processor;
  const body = [
    `<h1>${esc(w.processorTitle)}</h1>`,
    `<p class="basis">${esc(w.processorBasis)}. ${esc(w.generated)} ${esc(record.generatedOn)}.</p>`,
    dl([
      [p.processor, record.processor.name ?? p.notConfigured],
      [w.contact, record.processor.contact.join('; ') || w.noneDeclared],
    ]),
    `<h3>${esc(p.processing)}</h3>`,
    list(record.services, w.none),
    `<h3>${esc(p.subProcessors)}</h3>`,
    list(record.subProcessors, p.noSubProcessors),
    `<h3>${esc(p.transfers)}</h3>`,
    `<p>${esc(record.transfers)}</p><p>${esc(p.ownRecords)}</p>`,
    `<h3>${esc(w.security)}</h3>`,
    list(record.security, w.none),
    `<h2>${esc(p.controllers)}</h2>`,
    ...record.controllers.map((c) =>
      [
        `<h3>${esc(c.name)}</h3>`,
        dl([
          [w.businessId, c.businessId],
          [w.contact, c.contact.join('; ') || w.noneDeclared],
          [
            w.registers,
            c.registers
              .map((r) => `${r.name} (v${r.version}, ${w.customers.toLowerCase()}: ${r.customers})`)
              .join('; ') || w.none,
          ],
        ]),
      ].join('\n'),
    ),
  ];
  return page(record.language, w.processorTitle, body.join('\n'));
}
