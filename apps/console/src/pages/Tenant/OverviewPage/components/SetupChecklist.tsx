// A new tenant's setup, computed by the gateway (overview.setup): each step done or not, and a link
// to the tab where it is done. Shown until every step is done.
import type { SetupChecklist as Checklist, SetupStepName } from '@seatgate/contracts';
import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT, type MessageKey } from '../../../../i18n';

const STEP_TAB: Record<SetupStepName, string> = {
  app_tested: 'apps',
  seats_mapped: 'seats',
  signing_key: 'keys',
  allowed_origins: 'settings',
  first_login: 'keys',
};

const STEP_TEXT: Record<SetupStepName, { title: MessageKey; hint: MessageKey }> = {
  app_tested: { title: 'setup.app_tested', hint: 'setup.app_testedHint' },
  seats_mapped: { title: 'setup.seats_mapped', hint: 'setup.seats_mappedHint' },
  signing_key: { title: 'setup.signing_key', hint: 'setup.signing_keyHint' },
  allowed_origins: { title: 'setup.allowed_origins', hint: 'setup.allowed_originsHint' },
  first_login: { title: 'setup.first_login', hint: 'setup.first_loginHint' },
};

export function SetupChecklist({ tenantId, setup }: { tenantId: string; setup: Checklist }) {
  const t = useT();
  const done = setup.steps.filter((step) => step.done).length;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Typography.Title level={4} style={{ margin: 0 }} id="setup-title">
          {t('setup.title', { done, total: setup.steps.length })}
        </Typography.Title>
      }
    >
      <List
        aria-labelledby="setup-title"
        dataSource={setup.steps}
        renderItem={(step) => (
          <List.Item
            data-testid={`setup-${step.step}`}
            actions={[
              <Link key="go" to={`/tenants/${tenantId}/${STEP_TAB[step.step]}`}>
                {t(STEP_TEXT[step.step].title)}
              </Link>,
            ]}
          >
            <List.Item.Meta
              avatar={step.done ? <Tag color="green">{t('setup.done')}</Tag> : <Tag>{t('setup.todo')}</Tag>}
              title={t(STEP_TEXT[step.step].title)}
              description={t(STEP_TEXT[step.step].hint)}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
