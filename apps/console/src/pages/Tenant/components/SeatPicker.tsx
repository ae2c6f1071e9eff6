// The seat field of the map-seat form: a search over the app's unmapped TCCC seats (the gateway's
// cached DescribeStaffInfoList, so typing costs no upstream quota beyond one list read per 30 s),
// with free text still allowed. A seat TCCC does not list gets a warning that does not block saving:
// the seat may be created upstream later, or the list may be stale.
import { AutoComplete, Typography } from 'antd';
import { useStaffChoices, useStaffLookup } from '../../../api/apps/queries';
import { useDebounced } from '../../../components/use-debounced';
import { useI18n } from '../../../i18n';
import { describeError } from '../../../i18n/errors';

export function SeatPicker({
  tenantId,
  appId,
  value,
  onChange,
  id,
}: {
  tenantId: string;
  appId: string | undefined;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const typed = (value ?? '').trim();
  const settled = useDebounced(typed, 300);
  const choices = useStaffChoices(tenantId, appId, settled);
  const options = (choices.data?.staff ?? []).map((member) => ({
    value: member.mail,
    label: (
      <span data-testid="seat-choice">
        {member.mail}
        {(member.name || member.staffNumber) && (
          <Typography.Text type="secondary">
            {' · '}
            {[member.name, member.staffNumber].filter(Boolean).join(' · ')}
          </Typography.Text>
        )}
      </span>
    ),
  }));
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      filterOption={false}
      // antd's AutoComplete starts with no active option and then points aria-activedescendant at
      // an option "-1" that does not exist (axe: aria-valid-attr-value, critical); the first match
      // active is also what Enter should pick. A seat TCCC does not list has no options: typed as is
      defaultActiveFirstOption
      placeholder={t('seats.pickerPlaceholder')}
      notFoundContent={
        appId === undefined
          ? t('seats.pickerChooseApp')
          : choices.isFetching
            ? t('common.loading')
            : t('seats.pickerNone')
      }
      popupMatchSelectWidth
    />
  );
}

/** Under the seat field: what TCCC says of the typed seat (never a blocking error). */
export function SeatUpstreamNote({
  tenantId,
  appId,
  seatUserId,
}: {
  tenantId: string;
  appId: string | undefined;
  seatUserId: string;
}) {
  const { t, dictionary } = useI18n();
  const settled = useDebounced(seatUserId.trim(), 400);
  const lookup = useStaffLookup(tenantId, appId, settled);
  // the picker's own query for the same text (shared, so no second request)
  const choices = useStaffChoices(tenantId, appId, settled);
  if (!appId || settled === '' || settled !== seatUserId.trim()) return null;
  if (lookup.isError)
    return (
      <Typography.Text type="warning" data-testid="seat-upstream-unknown">
        {t('seats.upstreamUnchecked', { reason: describeError(lookup.error, dictionary).message })}
      </Typography.Text>
    );
  if (!lookup.data) return null;
  const { member } = lookup.data;
  if (member?.state === 'mapped' && member.businessUserId)
    return (
      <Typography.Text type="warning" data-testid="seat-upstream-mapped">
        {t('seats.upstreamMapped', { user: member.businessUserId })}
      </Typography.Text>
    );
  if (member)
    return (
      <Typography.Text type="success" data-testid="seat-upstream-found">
        {t('seats.upstreamFound', { name: member.name ?? member.mail })}
      </Typography.Text>
    );
  // still typing a part of seats TCCC lists: say how many match, not that the text is unknown
  const matching = choices.data?.matched ?? 0;
  if (matching > 0)
    return (
      <Typography.Text type="secondary" data-testid="seat-upstream-matches">
        {t('seats.upstreamMatches', { count: matching })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="warning" data-testid="seat-not-found" role="status">
      {t('seats.upstreamNotFound', { seat: lookup.data.seatUserId })}
    </Typography.Text>
  );
}
