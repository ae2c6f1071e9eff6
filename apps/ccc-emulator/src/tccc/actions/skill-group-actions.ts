import { existingStaff, ownedApp, type ActionContext, type ActionEntries } from '../action-context';
import {
  arrayParam,
  integerListParam,
  integerParam,
  objectParam,
  optionalBooleanParam,
  optionalIntegerListParam,
  optionalIntegerParam,
  optionalStringParam,
  rejectUnknown,
  stringParam,
} from '../request-params';
import { TcccError } from '../tccc-errors';
import { DEFAULT_PRIORITY } from '../../state/directory';
import { SKILL_GROUP_TYPES, type SkillGroupView } from '../../state/skill-groups';

// Skill groups and the staff bound to them: DescribeSkillGroupInfoList, CreateCCCSkillGroup,
// UpdateCCCSkillGroup (its id field is spelled SkillGroupID), DeleteCCCSkillGroup,
// BindStaffSkillGroupList and UnbindStaffSkillGroupList.

function skillGroupInfo(group: SkillGroupView): Record<string, unknown> {
  return {
    SkillGroupId: group.skillGroupId,
    SkillGroupName: group.name,
    // Deprecated (IM / TEL / ALL); the emulator answers ALL, as in StaffInfo. Unconfirmed.
    Type: 'ALL',
    // Unconfirmed: the values of RoutePolicy; the emulator has no routing and answers "Random".
    RoutePolicy: 'Random',
    UsingLastSeat: 0,
    MaxConcurrency: group.maxConcurrency,
    LastModifyTimestamp: group.lastModifyTimestamp,
    SkillGroupType: group.type,
    Alias: '',
    RingAll: group.ringAll,
  };
}

function groupError(message: string): TcccError {
  return new TcccError('InvalidParameterValue.SkillGroupError', message);
}

function existingGroup(ctx: ActionContext, sdkAppId: number, id: number): SkillGroupView {
  const group = ownedApp(ctx, sdkAppId).skillGroups.find((candidate) => candidate.skillGroupId === id);
  if (group === undefined) throw groupError(`Skill group ${id} does not exist.`);
  return group;
}

function nameIsFree(ctx: ActionContext, sdkAppId: number, name: string, except?: number): void {
  const taken = ownedApp(ctx, sdkAppId).skillGroups.some(
    (group) => group.name === name && group.skillGroupId !== except,
  );
  if (taken)
    throw new TcccError('InvalidParameterValue.SkillGroupExist', `Skill group "${name}" already exists.`);
}

function describeSkillGroupInfoList(ctx: ActionContext): Record<string, unknown> {
  const { params } = ctx;
  rejectUnknown(params, [
    'SdkAppId',
    'PageSize',
    'PageNumber',
    'SkillGroupId',
    'ModifiedTime',
    'SkillGroupName',
  ]);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const pageSize = integerParam(params, 'PageSize');
  const pageNumber = integerParam(params, 'PageNumber');
  const skillGroupId = optionalIntegerParam(params, 'SkillGroupId');
  const modifiedTime = optionalIntegerParam(params, 'ModifiedTime');
  const name = optionalStringParam(params, 'SkillGroupName');
  if (pageSize < 1 || pageSize > 100)
    throw new TcccError('InvalidParameterValue', 'PageSize must be between 1 and 100.');
  if (pageNumber < 0) throw new TcccError('InvalidParameterValue', 'PageNumber must be 0 or greater.');
  let groups = ownedApp(ctx, sdkAppId).skillGroups;
  if (skillGroupId !== undefined) groups = groups.filter((group) => group.skillGroupId === skillGroupId);
  if (modifiedTime !== undefined)
    groups = groups.filter((group) => group.lastModifyTimestamp >= modifiedTime);
  // Unconfirmed: whether TCCC matches SkillGroupName exactly or as a substring; the emulator matches a substring.
  if (name !== undefined && name !== '') groups = groups.filter((group) => group.name.includes(name));
  const page = groups.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize);
  return { TotalCount: groups.length, SkillGroupList: page.map(skillGroupInfo) };
}

/** Phone, audio and video groups take one session per seat; online groups may take more. */
function checkConcurrency(type: number, maxConcurrency: number): void {
  if (maxConcurrency < 1)
    throw new TcccError('InvalidParameterValue', 'MaxConcurrency must be 1 or greater.');
  if (type !== 1 && maxConcurrency !== 1)
    throw new TcccError(
      'InvalidParameterValue',
      'MaxConcurrency must be 1 for phone, audio and video skill groups.',
    );
}

function createCccSkillGroup(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'SkillGroupName', 'SkillGroupType', 'MaxConcurrency']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const name = stringParam(params, 'SkillGroupName');
  const type = integerParam(params, 'SkillGroupType');
  const maxConcurrency = optionalIntegerParam(params, 'MaxConcurrency') ?? 1;
  if (!SKILL_GROUP_TYPES.includes(type))
    throw new TcccError(
      'InvalidParameterValue',
      'SkillGroupType must be 0 (phone), 1 (online), 3 (audio) or 4 (video).',
    );
  checkConcurrency(type, maxConcurrency);
  nameIsFree(ctx, sdkAppId, name);
  const group = state.directory.createSkillGroup(sdkAppId, { name, type, maxConcurrency });
  return { SkillGroupId: group.skillGroupId };
}

function updateCccSkillGroup(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'SkillGroupID', 'SkillGroupName', 'MaxConcurrency', 'RingAll']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const id = integerParam(params, 'SkillGroupID');
  const name = optionalStringParam(params, 'SkillGroupName');
  const maxConcurrency = optionalIntegerParam(params, 'MaxConcurrency');
  const ringAll = optionalBooleanParam(params, 'RingAll');
  const group = existingGroup(ctx, sdkAppId, id);
  if (name === '') throw new TcccError('InvalidParameterValue', 'SkillGroupName must not be empty.');
  if (name !== undefined) nameIsFree(ctx, sdkAppId, name, id);
  if (maxConcurrency !== undefined) {
    // The documentation: "同振最大为2", ring-all groups take at most 2.
    if (ringAll ?? group.ringAll) {
      if (maxConcurrency < 1 || maxConcurrency > 2)
        throw new TcccError('InvalidParameterValue', 'MaxConcurrency of a ring-all group must be 1 or 2.');
    } else checkConcurrency(group.type, maxConcurrency);
  }
  state.directory.updateSkillGroup(sdkAppId, id, {
    ...(name === undefined ? {} : { name }),
    ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
    ...(ringAll === undefined ? {} : { ringAll }),
  });
  return {};
}

function deleteCccSkillGroup(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'SkillGroupId']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const id = integerParam(params, 'SkillGroupId');
  existingGroup(ctx, sdkAppId, id);
  // Unconfirmed: when TCCC answers ResourceUnavailable. The emulator refuses to delete a group that
  // still has staff bound, so a caller unbinds first and no seat is left pointing at nothing.
  const members = state.directory.membersOf(sdkAppId, id);
  if (members.length > 0) {
    throw new TcccError(
      'ResourceUnavailable',
      `Skill group ${id} still has ${members.length} staff bound; unbind them first.`,
    );
  }
  state.directory.removeSkillGroup(sdkAppId, id);
  return {};
}

function bindStaffSkillGroupList(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'StaffEmail', 'StaffSkillGroupList', 'SkillGroupList']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mail = stringParam(params, 'StaffEmail');
  const deprecatedIds = optionalIntegerListParam(params, 'SkillGroupList');
  const items =
    params['StaffSkillGroupList'] === undefined && deprecatedIds !== undefined
      ? []
      : arrayParam(params, 'StaffSkillGroupList');
  const bindings: Array<[number, number]> = items.map((value, index) => {
    const prefix = `StaffSkillGroupList.${index}.`;
    const item = objectParam(value, `StaffSkillGroupList.${index}`);
    rejectUnknown(item, ['SkillGroupId', 'Priority'], prefix);
    const priority = optionalIntegerParam(item, 'Priority', prefix) ?? DEFAULT_PRIORITY;
    if (priority < 1 || priority > 5)
      throw new TcccError('InvalidParameterValue', `${prefix}Priority must be 1 (highest) to 5 (lowest).`);
    return [integerParam(item, 'SkillGroupId', prefix), priority];
  });
  // The deprecated SkillGroupList binds with the default priority.
  for (const id of deprecatedIds ?? []) bindings.push([id, DEFAULT_PRIORITY]);
  if (bindings.length === 0)
    throw new TcccError('InvalidParameterValue', 'StaffSkillGroupList must not be empty.');
  ownedApp(ctx, sdkAppId);
  existingStaff(ctx, sdkAppId, mail);
  for (const [id] of bindings) existingGroup(ctx, sdkAppId, id);
  state.directory.bindSkillGroups(sdkAppId, mail, bindings);
  return {};
}

function unbindStaffSkillGroupList(ctx: ActionContext): Record<string, unknown> {
  const { state, params } = ctx;
  rejectUnknown(params, ['SdkAppId', 'StaffEmail', 'SkillGroupList']);
  const sdkAppId = integerParam(params, 'SdkAppId');
  const mail = stringParam(params, 'StaffEmail');
  const ids = integerListParam(params, 'SkillGroupList');
  ownedApp(ctx, sdkAppId);
  existingStaff(ctx, sdkAppId, mail);
  // A group that exists but is not bound is left as it is; a group that does not exist is an error.
  for (const id of ids) existingGroup(ctx, sdkAppId, id);
  state.directory.unbindSkillGroups(sdkAppId, mail, ids);
  return {};
}

export const SKILL_GROUP_ACTIONS: ActionEntries = [
  ['DescribeSkillGroupInfoList', describeSkillGroupInfoList],
  ['CreateCCCSkillGroup', createCccSkillGroup],
  ['UpdateCCCSkillGroup', updateCccSkillGroup],
  ['DeleteCCCSkillGroup', deleteCccSkillGroup],
  ['BindStaffSkillGroupList', bindStaffSkillGroupList],
  ['UnbindStaffSkillGroupList', unbindStaffSkillGroupList],
];
