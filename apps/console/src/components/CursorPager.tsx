import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n';

export function CursorPager({
  pageNumber,
  hasPrevious,
  nextCursor,
  loading,
  onPrevious,
  onNext,
}: {
  pageNumber: number;
  hasPrevious: boolean;
  nextCursor: string | null | undefined;
  loading: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  const t = useT();
  return (
    <nav aria-label={t('pager.label')} style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
      <Space>
        <Button onClick={onPrevious} disabled={!hasPrevious || loading}>
          {t('pager.previous')}
        </Button>
        <Typography.Text aria-live="polite">{t('pager.page', { page: pageNumber })}</Typography.Text>
        <Button onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor || loading}>
          {t('pager.next')}
        </Button>
      </Space>
    </nav>
  );
}
