// Create a skill group (name, channel, concurrency) or rename one / change its concurrency;
// validated with the shared schemas before anything is sent.
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import {
  SKILL_GROUP_TYPES,
  skillGroupCreateSchema,
  skillGroupUpdateSchema,
  type SkillGroupCreate,
  type SkillGroupUpdate,
  type SkillGroupView,
} from '../../../../api/skill-groups/types';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

export function SkillGroupCreateForm({
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
}: {
  onSubmit: (body: SkillGroupCreate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(skillGroupCreateSchema);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="skill-group-create"
      onFinish={submitWith(onSubmit)}
      initialValues={{ type: 0 }}
    >
      <Form.Item name="name" label={t('skillGroups.name')}>
        <Input autoFocus maxLength={64} />
      </Form.Item>
      <Form.Item name="type" label={t('skillGroups.type')}>
        <Select
          options={SKILL_GROUP_TYPES.map((type) => ({ value: type, label: t(`skillGroups.type.${type}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="maxConcurrency"
        label={t('skillGroups.maxConcurrency')}
        extra={t('skillGroups.maxConcurrencyHint')}
      >
        <InputNumber min={1} max={100} style={{ width: 160 }} />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('skillGroups.create')}
        </Button>
      </Space>
    </Form>
  );
}

export function SkillGroupEditForm({
  group,
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
}: {
  group: SkillGroupView;
  onSubmit: (change: SkillGroupUpdate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(skillGroupUpdateSchema);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="skill-group-edit"
      initialValues={{ name: group.name, maxConcurrency: group.maxConcurrency }}
      onFinish={submitWith(onSubmit)}
    >
      <Form.Item name="name" label={t('skillGroups.name')}>
        <Input autoFocus maxLength={64} />
      </Form.Item>
      <Form.Item
        name="maxConcurrency"
        label={t('skillGroups.maxConcurrency')}
        extra={t('skillGroups.maxConcurrencyHint')}
      >
        <InputNumber min={1} max={100} style={{ width: 160 }} />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('action.save')}
        </Button>
      </Space>
    </Form>
  );
}
