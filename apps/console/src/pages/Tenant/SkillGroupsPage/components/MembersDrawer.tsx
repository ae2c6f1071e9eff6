// A skill group's members (TCCC seats, with the business user mapped to each and the binding's
// priority, 1 highest … 5), and for tenant admins: add seats at a priority, remove a seat.
import { Button, Drawer, Form, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useAppStaff } from '../../../../api/apps/queries';
import { useAddSkillGroupMembers, useRemoveSkillGroupMember } from '../../../../api/skill-groups/mutations';
import { useSkillGroupMembers } from '../../../../api/skill-groups/queries';
import {
  DEFAULT_SKILL_GROUP_PRIORITY,
  skillGroupMembersAddSchema,
  type SkillGroupMemberView,
  type SkillGroupView,
} from '../../../../api/skill-groups/types';
import { useCan } from '../../../../components/Can';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { ConfirmButton } from '../../../../components/table/ConfirmButton';
import { useNotifyingMutation } from '../../../../components/use-notifying-mutation';
import { useT } from '../../../../i18n';

const PRIORITIES = [1, 2, 3, 4, 5];

export function MembersDrawer({
  tenantId,
  appId,
  group,
  onClose,
}: {
  tenantId: string;
  appId: string;
  group: SkillGroupView | null;
  onClose: () => void;
}) {
  const t = useT();
  const canWrite = useCan('tenant_admin');
  const groupId = group?.skillGroupId ?? null;
  const members = useSkillGroupMembers(tenantId, appId, groupId);
  const [search, setSearch] = useState('');
  const staff = useAppStaff(tenantId, canWrite && group ? appId : undefined, {
    q: search || undefined,
    limit: 50,
  });
  const add = useAddSkillGroupMembers(tenantId, appId);
  const adding = useNotifyingMutation(add);
  const remove = useRemoveSkillGroupMember(tenantId, appId);
  const removing = useNotifyingMutation(remove);
  const { form, submitWith, onValuesChange } = useSchemaForm(skillGroupMembersAddSchema);
  const present = new Set((members.data?.items ?? []).map((member) => member.seatId));

  const submit = submitWith(async (body) => {
    if (groupId === null) return;
    await adding.submit(
      { skillGroupId: groupId, body },
      {
        success: (result) => t('skillGroups.membersAdded', { count: result.bound.length }),
        then: () => form.resetFields(),
        onFields: true,
      },
    );
  });

  return (
    <Drawer
      open={group !== null}
      onClose={onClose}
      width={720}
      title={group ? t('skillGroups.membersOf', { name: group.name }) : ''}
      destroyOnHidden
    >
      {canWrite && (
        <Form
          form={form}
          onValuesChange={onValuesChange}
          layout="vertical"
          name="skill-group-members"
          initialValues={{ priority: DEFAULT_SKILL_GROUP_PRIORITY }}
          onFinish={submit}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="seatIds" label={t('skillGroups.addSeats')} extra={t('skillGroups.addSeatsHint')}>
            <Select
              mode="tags"
              showSearch
              onSearch={setSearch}
              filterOption={false}
              tokenSeparators={[',', ' ']}
              loading={staff.isFetching}
              options={(staff.data?.staff ?? [])
                .filter((member) => !present.has(member.mail))
                .map((member) => ({
                  value: member.mail,
                  label: member.name ? `${member.mail} (${member.name})` : member.mail,
                }))}
            />
          </Form.Item>
          <Space align="end">
            <Form.Item
              name="priority"
              label={t('skillGroups.priority')}
              extra={t('skillGroups.priorityHint')}
            >
              <Select
                style={{ width: 160 }}
                options={PRIORITIES.map((priority) => ({ value: priority, label: String(priority) }))}
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={add.isPending}>
                {t('skillGroups.addMembers')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      )}
      {members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <Table<SkillGroupMemberView>
          rowKey="seatId"
          size="small"
          loading={members.isFetching}
          dataSource={members.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('skillGroups.noMembers') }}
          columns={[
            { title: t('skillGroups.seat'), dataIndex: 'seatId', key: 'seatId' },
            {
              title: t('skillGroups.seatName'),
              key: 'name',
              render: (_: unknown, member: SkillGroupMemberView) => member.name ?? '—',
            },
            {
              title: t('skillGroups.businessUser'),
              key: 'businessUserId',
              render: (_: unknown, member: SkillGroupMemberView) =>
                member.businessUserId ?? (
                  <Typography.Text type="secondary">{t('skillGroups.notMapped')}</Typography.Text>
                ),
            },
            { title: t('skillGroups.priority'), dataIndex: 'priority', key: 'priority', align: 'right' },
            ...(canWrite
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, member: SkillGroupMemberView) => (
                      <ConfirmButton
                        label={t('skillGroups.removeMember')}
                        title={t('skillGroups.removeMemberConfirm', { seat: member.seatId })}
                        danger
                        loading={remove.isPending && remove.variables?.seatId === member.seatId}
                        onConfirm={() =>
                          groupId !== null &&
                          removing.fire(
                            { skillGroupId: groupId, seatId: member.seatId },
                            { success: () => t('skillGroups.memberRemoved', { seat: member.seatId }) },
                          )
                        }
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Drawer>
  );
}
