import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const STANDARD_FONTS = `${createRequire(import.meta.url)
  .resolve('pdfjs-dist/package.json')
  .replace(/package\.json$/, '')}standard_fonts/`;

/** A PDF as a reader sees it: its pages' text (whitespace made single spaces) and its metadata. */
export async function readPdf(content: Uint8Array): Promise<{ pages: string[]; text: string; title: string }> {
  const pdf = await getDocument({ data: new Uint8Array(content), standardFontDataUrl: STANDARD_FONTS, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const { items } = await page.getTextContent();
    pages.push(
      items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/\s+/g, ' '),
    );
  }
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  const info = meta.info as { Title?: string };
  return { pages, text: pages.join(' '), title: info.Title ?? '' };
}
