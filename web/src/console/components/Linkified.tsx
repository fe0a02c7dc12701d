import type { ReactNode } from 'react';

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

/** Plain text with its http(s) addresses as links; line breaks kept by CSS (white-space: pre-wrap). */
export function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={url}>
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <div className="mail-text">{parts}</div>;
}
