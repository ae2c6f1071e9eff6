// An app's skill groups in TCCC (Seatgate keeps no copy): the list with channel, concurrency and
// member counts; tenant admins create, rename and delete groups and manage members (a drawer).
import { Breadcrumb, Button, Modal, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAllApps } from '../../../api/apps/queries';
import {
  useCreateSkillGroup,
  useDeleteSkillGroup,
  useUpdateSkillGroup,
} from '../../../api/skill-groups/mutations';
import { useSkillGroups } from '../../../api/skill-groups/queries';
import type { SkillGroupUpdate, SkillGroupView } from '../../../api/skill-groups/types';
import { Can, useCan } from '../../../components/Can';
import { useFormDialog } from '../../../components/form/use-leave-guard';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotFound } from '../../../components/NotFound';
import { MoreActions } from '../../../components/table/MoreActions';
import { useNotifyingMutation } from '../../../components/use-notifying-mutation';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { MembersDrawer } from './components/MembersDrawer';
import { SkillGroupCreateForm, SkillGroupEditForm } from './components/SkillGroupForm';

export function SkillGroupsPage() {
  const t = useT();
  const tenant = useCurrentTenant();
  const { appId = '' } = useParams();
  const canWrite = useCan('tenant_admin');
  const apps = useAllApps(tenant.id);
  const groups = useSkillGroups(tenant.id, appId);
  const create = useCreateSkillGroup(tenant.id, appId);
  const creating = useNotifyingMutation(create);
  const update = useUpdateSkillGroup(tenant.id, appId);
  const updating = useNotifyingMutation(update);
  const remove = useDeleteSkillGroup(tenant.id, appId);
  const removing = useNotifyingMutation(remove);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<SkillGroupView | null>(null);
  const [membersOf, setMembersOf] = useState<SkillGroupView | null>(null);
  const addDialog = useFormDialog(() => setAdding(false));
  const editDialog = useFormDialog(() => setEditing(null));

  if (apps.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  const app = apps.data?.items.find((item) => item.id === appId);
  if (apps.isSuccess && !app) return <NotFound />;
  const appName = app ? `${app.label} (${app.sdkAppId})` : '';

  const saveEdit = async (change: SkillGroupUpdate) => {
    if (!editing) return;
    // only what changed: TCCC is not asked to "rename" a group to its own name
    const diff: SkillGroupUpdate = {
      ...(change.name !== undefined && change.name !== editing.name ? { name: change.name } : {}),
      ...(change.maxConcurrency !== undefined && change.maxConcurrency !== editing.maxConcurrency
        ? { maxConcurrency: change.maxConcurrency }
        : {}),
    };
    if (diff.name === undefined && diff.maxConcurrency === undefined) {
      editDialog.closeNow();
      return;
    }
    await updating.submit(
      { skillGroupId: editing.skillGroupId, change: diff },
      {
        success: (group) => t('skillGroups.updated', { name: group.name }),
        then: editDialog.closeNow,
        onFields: true,
      },
    );
  };

  return (
    <section aria-labelledby="skill-groups-title">
      <Breadcrumb
        items={[
          { title: <Link to={`/tenants/${tenant.id}/apps`}>{t('tenant.tab.apps')}</Link> },
          { title: appName },
        ]}
      />
      <div className="sg-page-header">
        <Typography.Title level={3} id="skill-groups-title">
          {t('skillGroups.title', { app: appName })}
        </Typography.Title>
        <Can role="tenant_admin">
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('skillGroups.create')}
          </Button>
        </Can>
      </div>
      <Typography.Paragraph type="secondary">{t('skillGroups.lead')}</Typography.Paragraph>
      {groups.isError ? (
        <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      ) : (
        <Table<SkillGroupView>
          rowKey="skillGroupId"
          size="small"
          loading={groups.isFetching}
          dataSource={groups.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('skillGroups.empty') }}
          columns={[
            { title: t('skillGroups.name'), dataIndex: 'name', key: 'name' },
            { title: t('skillGroups.id'), dataIndex: 'skillGroupId', key: 'id' },
            {
              title: t('skillGroups.type'),
              key: 'type',
              render: (_: unknown, group: SkillGroupView) => t(`skillGroups.type.${group.type}`),
            },
            {
              title: t('skillGroups.maxConcurrency'),
              key: 'maxConcurrency',
              align: 'right',
              render: (_: unknown, group: SkillGroupView) => group.maxConcurrency ?? '—',
            },
            {
              title: t('skillGroups.members'),
              key: 'members',
              align: 'right',
              render: (_: unknown, group: SkillGroupView) => group.memberCount ?? '—',
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, group: SkillGroupView) => (
                <Space>
                  <Button size="small" onClick={() => setMembersOf(group)}>
                    {t('skillGroups.manageMembers')}
                  </Button>
                  {canWrite && (
                    <>
                      <Button size="small" onClick={() => setEditing(group)}>
                        {t('skillGroups.rename')}
                      </Button>
                      <MoreActions
                        name={t('common.moreActionsFor', { name: group.name })}
                        actions={[
                          {
                            key: 'delete',
                            label: t('action.delete'),
                            danger: true,
                            confirm: {
                              title: t('skillGroups.deleteConfirm', { name: group.name }),
                              description: t('skillGroups.deleteWarning'),
                            },
                            onRun: () =>
                              removing.fire(group.skillGroupId, {
                                success: () => t('skillGroups.deleted', { name: group.name }),
                              }),
                          },
                        ]}
                      />
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}

      <Modal
        open={adding}
        title={t('skillGroups.create')}
        footer={null}
        onCancel={addDialog.askToClose}
        destroyOnHidden
      >
        <SkillGroupCreateForm
          submitting={create.isPending}
          onCancel={addDialog.askToClose}
          onDirtyChange={addDialog.onDirtyChange}
          onSubmit={(body) =>
            creating.submit(body, {
              success: (group) => t('skillGroups.created', { name: group.name }),
              then: addDialog.closeNow,
              onFields: true,
            })
          }
        />
      </Modal>
      <Modal
        open={editing !== null}
        title={editing ? t('skillGroups.renameTitle', { name: editing.name }) : ''}
        footer={null}
        onCancel={editDialog.askToClose}
        destroyOnHidden
      >
        {editing && (
          <SkillGroupEditForm
            group={editing}
            submitting={update.isPending}
            onCancel={editDialog.askToClose}
            onDirtyChange={editDialog.onDirtyChange}
            onSubmit={saveEdit}
          />
        )}
      </Modal>
      <MembersDrawer
        tenantId={tenant.id}
        appId={appId}
        group={membersOf}
        onClose={() => setMembersOf(null)}
      />
    </section>
  );
}
