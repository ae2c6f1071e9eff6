// The tenant's SCIM settings (tenant settings `scim`): on or off, the app new users' seats go to,
// whether Seatgate creates them in TCCC, and where the seat id and name come from.
import { Button, Form, Select, Switch } from 'antd';
import { useState } from 'react';
import {
  SCIM_NAME_SOURCES,
  SCIM_SEAT_ID_SOURCES,
  type ScimSettings,
  type ScimStatusView,
} from '../../../../api/scim/types';
import type { AppView } from '../../../../api/apps/types';
import { useLeaveGuard } from '../../../../components/form/use-leave-guard';
import { useT } from '../../../../i18n';

const FIRST_APP = '';

interface Values {
  enabled: boolean;
  appId: string;
  provision: boolean;
  seatId: ScimStatusView['settings']['mapping']['seatId'];
  name: ScimStatusView['settings']['mapping']['name'];
}

export function ScimSettingsForm({
  status,
  current,
  apps,
  onSubmit,
  submitting,
  disabled,
}: {
  status: ScimStatusView;
  /** the stored settings, whose other fields are kept as they are */
  current: ScimSettings | undefined;
  apps: AppView[];
  onSubmit: (settings: ScimSettings) => Promise<unknown>;
  submitting: boolean;
  disabled: boolean;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  // leaving the tab with a change not saved asks first, as the other settings do
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty);
  const initial: Values = {
    enabled: status.settings.enabled,
    appId: status.settings.appId ?? FIRST_APP,
    provision: status.settings.provision,
    seatId: status.settings.mapping.seatId,
    name: status.settings.mapping.name,
  };
  const finish = async (values: Values) => {
    const { appId: _appId, ...kept } = current ?? {};
    const saved = await onSubmit({
      ...kept,
      enabled: values.enabled,
      ...(values.appId ? { appId: values.appId } : {}),
      provision: values.provision,
      mapping: { seatId: values.seatId, name: values.name },
    }).then(
      () => true,
      () => false,
    );
    if (saved) setDirty(false);
  };
  return (
    <Form<Values>
      form={form}
      onValuesChange={() => setDirty(true)}
      layout="vertical"
      name="scim-settings"
      initialValues={initial}
      onFinish={(values) => void finish(values)}
      disabled={disabled}
      style={{ maxWidth: 640 }}
    >
      <Form.Item
        name="enabled"
        label={t('scim.enabled')}
        valuePropName="checked"
        extra={t('scim.enabledHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item name="appId" label={t('scim.app')} extra={t('scim.appHint')}>
        <Select
          options={[
            { value: FIRST_APP, label: t('scim.appFirst') },
            ...apps.map((app) => ({ value: app.id, label: `${app.label} (${app.sdkAppId})` })),
          ]}
        />
      </Form.Item>
      <Form.Item
        name="provision"
        label={t('scim.provision')}
        valuePropName="checked"
        extra={t('scim.provisionHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item name="seatId" label={t('scim.mapping.seatId')}>
        <Select
          options={SCIM_SEAT_ID_SOURCES.map((value) => ({ value, label: t(`scim.seatId.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('scim.mapping.name')}>
        <Select options={SCIM_NAME_SOURCES.map((value) => ({ value, label: t(`scim.name.${value}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t('action.save')}
      </Button>
    </Form>
  );
}
