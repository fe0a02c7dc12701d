import type { ReactNode } from 'react';

/**
 * A box that scrolls a wide table sideways on a narrow screen. It takes the keyboard focus so that
 * it can be scrolled without a mouse, and is named like its table. The console's tables bring their
 * own `.table-wrap`, which inside this box stops scrolling by itself (portal.css).
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-box" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
