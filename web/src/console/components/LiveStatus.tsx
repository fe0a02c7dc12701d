/**
 * A polite live region that is always in the page, so a message put into it is announced
 * (a region inserted together with its text often is not).
 */
export function LiveStatus({ message, className }: { message: string | null; className?: string }) {
  return (
    <div role="status" className={message ? (className ?? 'alert alert--ok') : 'live-empty'}>
      {message}
    </div>
  );
}
