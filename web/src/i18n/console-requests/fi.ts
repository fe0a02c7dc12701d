/**
 * The requests desk's list and deadlines in Finnish, the reference: sv.ts and en.ts in this folder
 * have exactly these keys. They are part of the app's catalogue (../fi.ts spreads them in).
 */
export const consoleRequestsFi = {
  'nav.requests': 'Pyynnöt',

  'requestList.title': 'Rekisteröityjen pyynnöt',
  'requestList.intro':
    'Tarkastus-, oikaisu-, poisto- ja muut pyynnöt määräajan mukaan, vanhin ensin. Pyyntöön on vastattava kuukauden kuluessa sen saapumisesta; jatketussa pyynnössä näkyy jatkettu määräaika.',
  'requestList.filter': 'Näytä',
  'requestList.state.open': 'Avoimet',
  'requestList.state.closed': 'Käsitellyt',
  'requestList.state.all': 'Kaikki',
  'requestList.summary':
    'Avoimia pyyntöjä {open}, joista myöhässä {overdue} ja seitsemän päivän kuluessa erääntyviä {dueSoon}.',
  'requestList.caption.open': 'Avoimet pyynnöt määräajan mukaan, sivu {page}',
  'requestList.caption.closed': 'Käsitellyt pyynnöt, uusin ensin, sivu {page}',
  'requestList.caption.all': 'Kaikki pyynnöt, uusin ensin, sivu {page}',
  'requestList.none.open': 'Avoimia pyyntöjä ei ole.',
  'requestList.none.closed': 'Käsiteltyjä pyyntöjä ei ole.',
  'requestList.none.all': 'Pyyntöjä ei ole.',
  'requestList.shown': '{count} pyyntöä, sivu {page}.',
  'requestList.earlier': 'Edelliset',
  'requestList.later': 'Seuraavat',

  'requestList.col.reference': 'Viite',
  'requestList.col.dueDate': 'Määräaika',
  'requestList.col.received': 'Saapunut',
  'requestList.col.types': 'Pyyntö',
  'requestList.col.person': 'Pyytäjä',
  'requestList.col.register': 'Rekisteri',
  'requestList.col.status': 'Tila',
  'requestList.col.assignedTo': 'Käsittelijä',
  'requestList.extended': 'jatkettu',
  'requestList.unassigned': 'Ei käsittelijää',
  'requestList.noName': 'Nimetön',
  'requestList.identityUnverified': 'henkilöllisyys tarkistamatta',

  'requestList.urgency.overdue': 'Myöhässä',
  'requestList.urgency.due_soon': 'Erääntyy pian',

  'requestList.type.access': 'Tarkastus',
  'requestList.type.rectification': 'Oikaisu',
  'requestList.type.erasure': 'Poistaminen',
  'requestList.type.restriction': 'Käsittelyn rajoittaminen',
  'requestList.type.portability': 'Siirtäminen',
  'requestList.type.objection': 'Vastustaminen',
  'requestList.type.consent_withdrawal': 'Suostumuksen peruuttaminen',

  'requestList.status.received': 'Vastaanotettu',
  'requestList.status.verifying': 'Henkilöllisyyttä tarkistetaan',
  'requestList.status.in_progress': 'Käsittelyssä',
  'requestList.status.extended': 'Määräaikaa jatkettu',
  'requestList.status.done': 'Valmis',
  'requestList.status.partly_done': 'Osittain toteutettu',
  'requestList.status.refused': 'Hylätty',

  'requestList.front.column': 'Myöhässä olevat pyynnöt',
  'requestList.front.overdue': '{count} myöhässä',
  'requestList.front.none': 'Ei myöhässä',
  'requestList.front.notAllowed': 'Ei näkyvissä',
} satisfies Record<string, string>;

export type ConsoleRequestsMessageKey = keyof typeof consoleRequestsFi;
