import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { languageOf } from '../consents/unsubscribe-page.ts';
import type { Language } from '../registers/localized.ts';
import { noticePath, renderNoticeNotFound, renderNoticePage } from './notice-html.ts';
import { renderNoticeMarkdown } from './notice-markdown.ts';
import { renderNoticePdf } from './notice-pdf.ts';
import { noticeService } from './notice.service.ts';

const tags = ['notices'];

/** The public pages load nothing from elsewhere and run no scripts. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const query = z.object({
  lang: z.string().max(10).optional(),
  format: z.enum(['html', 'md', 'pdf']).optional(),
});

export function noticeFileName(registerId: string, version: number, lang: Language, format: 'md' | 'pdf') {
  return `tietosuojaseloste-${registerId.slice(0, 8)}-v${version}-${lang}.${format}`;
}

/**
 * The public privacy notice of every register: /notices/{registerId} (the version in force) and
 * /notices/{registerId}/versions/{n} (each version at a permanent address, with its differences
 * from the one before), as HTML, Markdown or PDF in Finnish, Swedish or English.
 */
export function noticeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, config } = deps;

  async function answer(
    reply: FastifyReply,
    registerId: string,
    version: number | null,
    q: z.infer<typeof query>,
    acceptLanguage: string | undefined,
  ) {
    const lang = languageOf(q.lang, acceptLanguage);
    const format = q.format ?? 'html';
    void reply.header('content-language', lang).header('content-security-policy', CSP);
    let loaded;
    try {
      // The page links root-relative; the files carry absolute links to be read elsewhere.
      loaded = await noticeService(database.db).load(
        pathId(registerId, 'Register'),
        version,
        lang,
        format === 'html' ? '' : config.publicUrl,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found')
        return reply.code(404).type('text/html; charset=utf-8').send(renderNoticeNotFound(lang));
      throw error;
    }
    const { notice } = loaded;
    // The version in force may change; a version's own address never does.
    void reply.header('cache-control', version === null ? 'no-cache' : 'public, max-age=300');
    if (format === 'html')
      return reply.type('text/html; charset=utf-8').send(
        renderNoticePage(notice, {
          versions: loaded.versions,
          currentVersion: loaded.currentVersion,
          permanent: version !== null,
        }),
      );
    const url = `${config.publicUrl.replace(/\/+$/, '')}${noticePath(notice.registerId, notice.version, lang)}`;
    const disposition = (f: 'md' | 'pdf') =>
      `inline; filename="${noticeFileName(notice.registerId, notice.version, lang, f)}"`;
    if (format === 'md')
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', disposition('md'))
        .send(renderNoticeMarkdown(notice, { url, diff: version === null ? null : loaded.diff }));
    const pdf = await renderNoticePdf(notice, { url, diff: version === null ? null : loaded.diff });
    return reply.type('application/pdf').header('content-disposition', disposition('pdf')).send(pdf);
  }

  return async (app) => {
    app.get(
      '/notices/:registerId',
      {
        schema: {
          tags,
          summary: "The register's privacy notice in force (HTML, Markdown or PDF; fi, sv or en), with its versions",
          description:
            '`lang` picks the language (else Accept-Language, else Finnish); `format` html (default), md or pdf. An unknown register answers a 404 page.',
          params: z.object({ registerId: z.string() }),
          querystring: query,
        },
      },
      async (request, reply) =>
        answer(reply, request.params.registerId, null, request.query, request.headers['accept-language']),
    );

    app.get(
      '/notices/:registerId/versions/:version',
      {
        schema: {
          tags,
          summary:
            'One version of the privacy notice at its permanent address, with its differences from the version before',
          params: z.object({ registerId: z.string(), version: z.string() }),
          querystring: query,
        },
      },
      async (request, reply) => {
        const version = /^[1-9]\d{0,8}$/.test(request.params.version) ? Number(request.params.version) : 0;
        // A version that is not a number names nothing: the same 404 page as an unknown one.
        return answer(
          reply,
          request.params.registerId,
          version || -1,
          request.query,
          request.headers['accept-language'],
        );
      },
    );
  };
}
