import dayjs from 'dayjs';

/** An instant in the browser's local time; the exact UTC instant on hover. */
export function DateTime({ value, empty = '—' }: { value: string | null | undefined; empty?: string }) {
  if (!value) return <span>{empty}</span>;
  const instant = dayjs(value);
  return (
    <time dateTime={instant.toISOString()} title={instant.toISOString()}>
      {instant.format('YYYY-MM-DD HH:mm:ss')}
    </time>
  );
}
