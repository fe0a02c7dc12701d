import { z } from 'zod';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text in Finnish, optionally Swedish and English; readers fall back to Finnish, then English. */
export const localizedSchema = z
  .object({
    fi: z.string().trim().min(1).max(5000),
    sv: z.string().trim().min(1).max(5000).optional(),
    en: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();

export type Localized = z.infer<typeof localizedSchema>;

export function pick(text: Localized, lang: Language): string {
  return text[lang] ?? (lang === 'sv' ? (text.en ?? text.fi) : text.fi);
}
