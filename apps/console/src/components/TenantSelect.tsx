// Picks tenants by name or slug, searching the gateway as the user types (lists are paged, so
// the options cannot all be loaded up front). Only tenants the caller can see are offered.
import { Select } from 'antd';
import { useDeferredValue, useMemo, useState, type CSSProperties } from 'react';
import { useTenants } from '../api/tenants/queries';
import type { TenantView } from '../api/tenants/types';
import { useT } from '../i18n';

interface Props {
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

export function TenantSelect({ multiple, value, onChange, placeholder, ...rest }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const tenants = useTenants({ q: q || undefined, page: 1, pageSize: 50 });
  // remember the tenants once seen, so a chosen tenant keeps its name after the search moves on
  const [known, setKnown] = useState<Map<string, TenantView>>(new Map());
  const items = tenants.data?.items;
  if (items && items.some((tenant) => !known.has(tenant.id))) {
    const next = new Map(known);
    for (const tenant of items) next.set(tenant.id, tenant);
    setKnown(next);
  }
  const options = useMemo(() => {
    const ids = new Set<string>([
      ...(items ?? []).map((tenant) => tenant.id),
      ...(Array.isArray(value) ? value : value ? [value] : []),
    ]);
    return [...ids].map((id) => {
      const tenant = known.get(id);
      return { value: id, label: tenant ? `${tenant.name} (${tenant.slug})` : id };
    });
  }, [items, known, value]);

  return (
    <Select<string | string[]>
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={tenants.isFetching}
      placeholder={placeholder ?? t('tenants.pick')}
      notFoundContent={tenants.isFetching ? t('common.loading') : t('common.noMatches')}
      onBlur={() => setSearch('')}
    />
  );
}
