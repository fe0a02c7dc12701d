import { useId } from 'react';
import { useT } from '../../i18n/index.tsx';
import { useFormat } from '../format.ts';

export interface Bar {
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  /** Header of the label column in the data table, e.g. "Month". */
  labelHeader: string;
  /** Header of the value column, e.g. "Customers". */
  valueHeader: string;
  bars: readonly Bar[];
}

const ROW = 28;
const LABEL_WIDTH = 220;
const BAR_MAX = 260;
const WIDTH = 540;

function shorten(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * A horizontal bar chart drawn in SVG, every bar labelled with its value (so nothing is told by
 * colour or length alone). The picture is hidden from screen readers; the same numbers are in a
 * visually hidden table with the chart's title as its caption.
 */
export function BarChart({ title, labelHeader, valueHeader, bars }: BarChartProps) {
  const t = useT();
  const f = useFormat();
  const captionId = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 8;

  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart__title">
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p className="muted">{t('chart.empty')}</p>
      ) : (
        <>
          <svg
            className="chart__svg"
            viewBox={`0 0 ${WIDTH} ${height}`}
            width={WIDTH}
            height={height}
            aria-hidden="true"
            focusable="false"
          >
            {bars.map((bar, i) => {
              const y = i * ROW + 4;
              const w = Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * BAR_MAX));
              return (
                <g key={`${bar.label}-${i}`}>
                  <text
                    x={LABEL_WIDTH - 8}
                    y={y + ROW / 2}
                    textAnchor="end"
                    dominantBaseline="middle"
                    className="chart__label"
                  >
                    {shorten(bar.label)}
                  </text>
                  <rect x={LABEL_WIDTH} y={y + 4} width={w} height={ROW - 8} className="chart__bar" />
                  <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2} dominantBaseline="middle" className="chart__value">
                    {f.number(bar.value)}
                  </text>
                </g>
              );
            })}
          </svg>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                <th scope="col">{valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar, i) => (
                <tr key={`${bar.label}-${i}`}>
                  <th scope="row">{bar.label}</th>
                  <td>{f.number(bar.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
