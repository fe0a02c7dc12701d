import { useId, useState, type MouseEvent } from 'react';
import { useLang, useT } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { ApiError } from '../api.ts';

interface DownloadProps {
  /** Puts a sentence into the page's polite live region. */
  announce: (message: string) => void;
  onFailure: (error: ApiError) => void;
}

const EXPORT_URL = '/api/v1/portal/export.zip';

function exportUrl(lang: string, controllerId?: string): string {
  const query = new URLSearchParams(controllerId ? { controllerId, lang } : { lang });
  return `${EXPORT_URL}?${query}`;
}

function filenameOf(res: Response): string {
  const match = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return match?.[1] ?? 'omadata.zip';
}

/**
 * The download behind a plain link: fetched here so that a refusal (one download at a time) can be
 * told in the person's language instead of as a page of JSON, then handed to the browser to save.
 */
function useZipDownload({ announce, onFailure }: DownloadProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const start = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    const url = event.currentTarget.href;
    setBusy(true);
    setError(null);
    announce(t('oma.download.preparing'));
    try {
      let res: Response;
      try {
        res = await fetch(url, { credentials: 'same-origin' });
      } catch (e) {
        throw new ApiError(0, { detail: e instanceof Error ? e.message : String(e) });
      }
      if (!res.ok) {
        let body: Record<string, unknown> = {};
        try {
          body = (await res.json()) as Record<string, unknown>;
        } catch {
          // not a problem document: the status says enough
        }
        throw new ApiError(res.status, body);
      }
      const filename = filenameOf(res);
      const objectUrl = URL.createObjectURL(await res.blob());
      const save = document.createElement('a');
      save.href = objectUrl;
      save.download = filename;
      document.body.append(save);
      save.click();
      save.remove();
      // The browser has taken the file once the click has been handled.
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
      announce(t('oma.download.ready', { file: filename }));
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      announce('');
      onFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  const alert = (
    <ProblemAlert
      error={error}
      headline={error?.code === 'download_in_progress' ? t('oma.download.busy') : undefined}
    />
  );
  return { busy, start, alert };
}

/** "Download your data": everything at every merchant in one zip (GDPR articles 15 and 20). */
export function DownloadPanel(props: DownloadProps) {
  const t = useT();
  const { lang } = useLang();
  const headingId = useId();
  const { busy, start, alert } = useZipDownload(props);
  return (
    <section aria-labelledby={headingId} className="subsection">
      <h2 id={headingId}>{t('oma.download.heading')}</h2>
      <p>{t('oma.download.intro')}</p>
      {alert}
      <p>
        <a
          className="button"
          href={exportUrl(lang)}
          download
          aria-disabled={busy || undefined}
          onClick={(e) => void start(e)}
        >
          {t('oma.download.all')}
        </a>
      </p>
    </section>
  );
}

/** One merchant's part of the download, as a link in that merchant's section. */
export function MerchantDownloadLink({
  controllerId,
  merchantName,
  ...props
}: DownloadProps & { controllerId: string; merchantName: string }) {
  const t = useT();
  const { lang } = useLang();
  const { busy, start, alert } = useZipDownload(props);
  return (
    <div className="merchant__download">
      {alert}
      <p>
        <a
          href={exportUrl(lang, controllerId)}
          download
          aria-disabled={busy || undefined}
          onClick={(e) => void start(e)}
        >
          {t('oma.download.merchant')}
          <span className="visually-hidden"> – {merchantName}</span>
        </a>
      </p>
    </div>
  );
}
