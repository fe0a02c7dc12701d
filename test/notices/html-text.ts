/** Text of an HTML fragment as a reader sees it: tags gone, entities decoded, whitespace single. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The notice page's sections (`<section aria-labelledby="id">`) as id → text, in page order. */
export function noticeSections(html: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const m of html.matchAll(/<section aria-labelledby="(\w+)">([\s\S]*?)<\/section>/g))
    sections.set(m[1]!, htmlText(m[2]!));
  return sections;
}
