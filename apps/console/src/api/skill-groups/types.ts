export type {
  SkillGroupCreate,
  SkillGroupList,
  SkillGroupMemberList,
  SkillGroupMembersAdd,
  SkillGroupMembersResult,
  SkillGroupMemberView,
  SkillGroupType,
  SkillGroupUpdate,
  SkillGroupView,
} from '@seatgate/contracts';
export {
  DEFAULT_SKILL_GROUP_PRIORITY,
  SKILL_GROUP_TYPES,
  skillGroupCreateSchema,
  skillGroupMembersAddSchema,
  skillGroupUpdateSchema,
} from '@seatgate/contracts';
