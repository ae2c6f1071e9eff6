import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';

/** Also what another tenant's record looks like: the gateway answers not-found, never forbidden. */
export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.body')}
      extra={
        <Link to="/tenants">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
