import type { ConsoleRequestsMessageKey } from './fi.ts';

export const consoleRequestsSv: { readonly [K in ConsoleRequestsMessageKey]: string } = {
  'nav.requests': 'Begäranden',

  'requestList.title': 'Begäranden från registrerade',
  'requestList.intro':
    'Begäranden om tillgång, rättelse, radering och annat efter tidsfrist, den äldsta först. En begäran ska besvaras inom en månad efter att den kommit in; för en förlängd begäran visas den förlängda tidsfristen.',
  'requestList.filter': 'Visa',
  'requestList.state.open': 'Öppna',
  'requestList.state.closed': 'Behandlade',
  'requestList.state.all': 'Alla',
  'requestList.summary':
    'Öppna begäranden {open}, varav {overdue} försenade och {dueSoon} med tidsfrist inom sju dagar.',
  'requestList.caption.open': 'Öppna begäranden efter tidsfrist, sida {page}',
  'requestList.caption.closed': 'Behandlade begäranden, den nyaste först, sida {page}',
  'requestList.caption.all': 'Alla begäranden, den nyaste först, sida {page}',
  'requestList.none.open': 'Det finns inga öppna begäranden.',
  'requestList.none.closed': 'Det finns inga behandlade begäranden.',
  'requestList.none.all': 'Det finns inga begäranden.',
  'requestList.shown': '{count} begäranden, sida {page}.',
  'requestList.earlier': 'Föregående',
  'requestList.later': 'Följande',

  'requestList.col.reference': 'Referens',
  'requestList.col.dueDate': 'Tidsfrist',
  'requestList.col.received': 'Mottagen',
  'requestList.col.types': 'Begäran',
  'requestList.col.person': 'Avsändare',
  'requestList.col.register': 'Register',
  'requestList.col.status': 'Status',
  'requestList.col.assignedTo': 'Handläggare',
  'requestList.extended': 'förlängd',
  'requestList.unassigned': 'Ingen handläggare',
  'requestList.noName': 'Utan namn',
  'requestList.identityUnverified': 'identiteten inte kontrollerad',

  'requestList.urgency.overdue': 'Försenad',
  'requestList.urgency.due_soon': 'Förfaller snart',

  'requestList.type.access': 'Tillgång',
  'requestList.type.rectification': 'Rättelse',
  'requestList.type.erasure': 'Radering',
  'requestList.type.restriction': 'Begränsning av behandling',
  'requestList.type.portability': 'Dataportabilitet',
  'requestList.type.objection': 'Invändning',
  'requestList.type.consent_withdrawal': 'Återkallande av samtycke',

  'requestList.status.received': 'Mottagen',
  'requestList.status.verifying': 'Identiteten kontrolleras',
  'requestList.status.in_progress': 'Under behandling',
  'requestList.status.extended': 'Tidsfristen förlängd',
  'requestList.status.done': 'Klar',
  'requestList.status.partly_done': 'Delvis genomförd',
  'requestList.status.refused': 'Avslagen',

  'requestList.front.column': 'Försenade begäranden',
  'requestList.front.overdue': '{count} försenade',
  'requestList.front.none': 'Inga försenade',
  'requestList.front.notAllowed': 'Visas inte',
};
