// Logins per day (of the browser's time zone) as grouped SVG bars (issued, redeemed, denied), with no chart library. Screen
// readers get a one-sentence summary on the image and the same numbers in a visually hidden table.
import type { CSSProperties } from 'react';
import { useId } from 'react';
import type { OverviewDay, OverviewView } from '../../../../api/overview/types';
import { useT, type MessageKey } from '../../../../i18n';

type SeriesKey = 'issued' | 'redeemed' | 'denied';

/** Blue, green, orange: told apart with the common colour-vision deficiencies too. */
export const SERIES: { key: SeriesKey; label: MessageKey; color: string }[] = [
  { key: 'issued', label: 'overview.issued', color: '#1664ff' },
  { key: 'redeemed', label: 'overview.redeemed', color: '#389e0d' },
  { key: 'denied', label: 'overview.denied', color: '#d4380d' },
];

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
const HEIGHT = 240;
const PAD = { top: 12, right: 8, bottom: 28, left: 40 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** The top of the y axis: a round number at or above `max` whose half is a whole number. */
export function axisTop(max: number): number {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const factor of [1, 2, 4, 6, 8, 10]) {
    if (factor * magnitude >= max) return factor * magnitude;
  }
  return 10 * magnitude;
}

export function LoginChart({ overview }: { overview: Pick<OverviewView, 'daily' | 'totals' | 'period'> }) {
  const t = useT();
  const id = useId();
  const { daily, totals, period } = overview;
  const top = axisTop(Math.max(0, ...daily.flatMap((day) => SERIES.map((series) => day[series.key]))));
  const slot = PLOT_W / daily.length;
  const barWidth = Math.max(1, (slot * 0.8) / SERIES.length);
  const labelEvery = Math.ceil(daily.length / 8);
  const y = (value: number) => PAD.top + PLOT_H - (value / top) * PLOT_H;
  const title = t('overview.chartTitle');
  const summary = t('overview.chartSummary', {
    from: period.from,
    to: period.to,
    zone: period.timeZone,
    issued: totals.issued,
    redeemed: totals.redeemed,
    denied: totals.denied,
  });

  return (
    <figure style={{ margin: 0 }}>
      <ul
        aria-label={t('overview.chartLegend')}
        style={{ display: 'flex', gap: 16, listStyle: 'none', margin: '0 0 8px', padding: 0 }}
      >
        {SERIES.map((series) => (
          <li key={series.key} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <span
              aria-hidden
              style={{
                width: 12,
                height: 12,
                borderRadius: 2,
                background: series.color,
                display: 'inline-block',
              }}
            />
            {t(series.label)}
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
              {tick}
            </text>
          </g>
        ))}
        {daily.map((day, i) => {
          const x0 = PAD.left + i * slot + slot * 0.1;
          return (
            <g key={day.date}>
              {SERIES.map((series, s) => {
                const value = day[series.key];
                if (value === 0) return null;
                const height = Math.max(1, (value / top) * PLOT_H);
                return (
                  <rect
                    key={series.key}
                    x={x0 + s * barWidth}
                    y={PAD.top + PLOT_H - height}
                    width={barWidth}
                    height={height}
                    fill={series.color}
                  >
                    <title>
                      {t('overview.chartBar', { date: day.date, series: t(series.label), count: value })}
                    </title>
                  </rect>
                );
              })}
              {(daily.length - 1 - i) % labelEvery === 0 && (
                <text
                  x={PAD.left + (i + 0.5) * slot}
                  y={HEIGHT - PAD.bottom + 16}
                  textAnchor="middle"
                  fill="rgba(0,0,0,0.55)"
                >
                  {day.date.slice(5)}
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
            <th scope="col">{t('overview.date', { zone: period.timeZone })}</th>
            {SERIES.map((series) => (
              <th key={series.key} scope="col">
                {t(series.label)}
              </th>
            ))}
            <th scope="col">{t('overview.rateLimited')}</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((day: OverviewDay) => (
            <tr key={day.date}>
              <th scope="row">{day.date}</th>
              {SERIES.map((series) => (
                <td key={series.key}>{day[series.key]}</td>
              ))}
              <td>{day.rateLimited}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
