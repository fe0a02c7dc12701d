import { useCallback, useMemo } from 'react';
import { useT, type MessageKey } from '../../../i18n/index.tsx';

/** Words for the desk's codes in the UI language; an unknown code is shown as it is. */
export function useRequestLabels() {
  const t = useT();
  const say = useCallback(
    (prefix: string, code: string | null | undefined) => {
      if (!code) return '';
      const key = `${prefix}.${code}` as MessageKey;
      const text = t(key);
      return text === undefined ? code : text;
    },
    [t],
  );
  return useMemo(
    () => ({
      type: (code: string) => say('request.type', code),
      status: (code: string) => say('request.status', code),
      partStatus: (code: string) => say('request.partStatus', code),
      channel: (code: string) => say('request.channel', code),
      method: (code: string | null) => say('request.method', code),
      identity: (code: string) => say('request.identityStatus', code),
      language: (code: string | null) => say('request.lang', code),
      document: (kind: string, letterKind: string | null) =>
        kind === 'letter'
          ? letterKind
            ? say('request.doc.letter', letterKind)
            : t('request.doc.letter')
          : say('request.doc', kind),
    }),
    [say, t],
  );
}
