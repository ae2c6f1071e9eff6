// Values per day as grouped SVG bars, with no chart library (antd has none, and one would weigh more
// than this page). Screen readers get the title and a one-sentence summary on the image, and the
// same numbers in a visually hidden table; each bar names its date, series and value on hover.
import type { CSSProperties } from 'react';
import { useId } from 'react';
import { useT } from '../../../../i18n';
import { axisTop } from '../../OverviewPage/components/LoginChart';

export interface DaySeries {
  key: string;
  label: string;
  color: string;
  /** one value per date, in the order of `dates` */
  values: number[];
}

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

export function DayBars({
  title,
  summary,
  dateHeader,
  dates,
  series,
  format = (value) => String(value),
  testId,
}: {
  title: string;
  summary: string;
  dateHeader: string;
  dates: string[];
  series: DaySeries[];
  format?: (value: number) => string;
  testId?: string;
}) {
  const t = useT();
  const id = useId();
  const top = axisTop(Math.max(0, ...series.flatMap((entry) => entry.values)));
  const slot = PLOT_W / Math.max(1, dates.length);
  const barWidth = Math.max(1, (slot * 0.8) / Math.max(1, series.length));
  const labelEvery = Math.ceil(dates.length / 8);
  const y = (value: number) => PAD.top + PLOT_H - (value / top) * PLOT_H;

  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <ul
        aria-label={t('overview.chartLegend')}
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 16,
          listStyle: 'none',
          margin: '0 0 8px',
          padding: 0,
        }}
      >
        {series.map((entry) => (
          <li key={entry.key} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <span
              aria-hidden
              style={{
                width: 12,
                height: 12,
                borderRadius: 2,
                background: entry.color,
                display: 'inline-block',
              }}
            />
            {entry.label}
          </li>
        ))}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: 960, display: 'block', fontSize: 11 }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0, top / 2, top].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
            <text x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fill="rgba(0,0,0,0.55)">
              {format(tick)}
            </text>
          </g>
        ))}
        {dates.map((date, i) => {
          const x0 = PAD.left + i * slot + slot * 0.1;
          return (
            <g key={date}>
              {series.map((entry, s) => {
                const value = entry.values[i] ?? 0;
                if (value === 0) return null;
                const height = Math.max(1, (value / top) * PLOT_H);
                return (
                  <rect
                    key={entry.key}
                    x={x0 + s * barWidth}
                    y={PAD.top + PLOT_H - height}
                    width={barWidth}
                    height={height}
                    fill={entry.color}
                  >
                    <title>
                      {t('overview.chartBar', { date, series: entry.label, count: format(value) })}
                    </title>
                  </rect>
                );
              })}
              {(dates.length - 1 - i) % labelEvery === 0 && (
                <text
                  x={PAD.left + (i + 0.5) * slot}
                  y={HEIGHT - PAD.bottom + 16}
                  textAnchor="middle"
                  fill="rgba(0,0,0,0.55)"
                >
                  {date.slice(5)}
                </text>
              )}
            </g>
          );
        })}
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + PLOT_H}
          y2={PAD.top + PLOT_H}
          stroke="rgba(0,0,0,0.45)"
        />
      </svg>
      <table style={visuallyHidden}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{dateHeader}</th>
            {series.map((entry) => (
              <th key={entry.key} scope="col">
                {entry.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dates.map((date, i) => (
            <tr key={date}>
              <th scope="row">{date}</th>
              {series.map((entry) => (
                <td key={entry.key}>{format(entry.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
