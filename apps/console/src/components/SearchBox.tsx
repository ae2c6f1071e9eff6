// antd's Input.Search with a search button named in the admin's language: its own button holds only
// an icon whose English aria-label ("search") would be its name, in zh-CN too.
import SearchOutlined from '@ant-design/icons/SearchOutlined';
import { Button, Input } from 'antd';
import type { SearchProps } from 'antd/es/input';
import { useT } from '../i18n';

export function SearchBox(props: Omit<SearchProps, 'enterButton'>) {
  const t = useT();
  return (
    <Input.Search
      {...props}
      enterButton={<Button aria-label={t('action.search')} icon={<SearchOutlined aria-hidden />} />}
    />
  );
}
