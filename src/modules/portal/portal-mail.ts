export type PortalLanguage = 'fi' | 'sv' | 'en';

/** The login mail in the language the person chose on the login page. */
export function loginMail(lang: PortalLanguage, link: string): { subject: string; text: string } {
  switch (lang) {
    case 'fi':
      return {
        subject: 'Kirjautumislinkki Omadataan',
        text:
          `Kirjaudu Omadataan, niin näet, mitä tietoja kaupat sinusta säilyttävät:\n\n${link}\n\n` +
          'Linkki toimii kerran ja vanhenee 15 minuutissa. Jos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta.\n',
      };
    case 'sv':
      return {
        subject: 'Inloggningslänk till Omadata',
        text:
          `Logga in på Omadata för att se vilka uppgifter butikerna har om dig:\n\n${link}\n\n` +
          'Länken fungerar en gång och går ut om 15 minuter. Om du inte bad om länken kan du strunta i det här meddelandet.\n',
      };
    case 'en':
      return {
        subject: 'Your Omadata login link',
        text:
          `Log in to Omadata to see what the shops keep about you:\n\n${link}\n\n` +
          'The link works once and expires in 15 minutes. If you did not ask for it, you can ignore this message.\n',
      };
  }
}
