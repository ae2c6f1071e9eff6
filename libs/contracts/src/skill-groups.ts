// An app's skill groups in TCCC (issue 15): the admin API's requests and answers. Seatgate keeps no
// copy; every read and write goes to TCCC (DescribeSkillGroupInfoList, CreateCCCSkillGroup, …).
import { z } from 'zod';
import { seatUserIdSchema, skillGroupNameSchema } from './seats';

/** TCCC's SkillGroupType: 0 phone, 1 online (chat), 3 audio, 4 video. */
export const SKILL_GROUP_TYPES = [0, 1, 3, 4] as const;
export type SkillGroupType = (typeof SKILL_GROUP_TYPES)[number];

export const skillGroupTypeSchema = z
  .number()
  .int()
  .refine((value): value is SkillGroupType => (SKILL_GROUP_TYPES as readonly number[]).includes(value), {
    message: 'one of 0 (phone), 1 (online), 3 (audio), 4 (video)',
  })
  .transform((value) => value as SkillGroupType);

/** Sessions a seat takes at once in the group: 1 for phone, audio and video; online up to 100. */
export const maxConcurrencySchema = z.number().int().min(1).max(100);

export const skillGroupCreateSchema = z
  .object({
    name: skillGroupNameSchema,
    type: skillGroupTypeSchema,
    maxConcurrency: maxConcurrencySchema.optional(),
  })
  .strict();
export type SkillGroupCreate = z.infer<typeof skillGroupCreateSchema>;

export const skillGroupUpdateSchema = z
  .object({
    name: skillGroupNameSchema.optional(),
    maxConcurrency: maxConcurrencySchema.optional(),
  })
  .strict()
  .refine((change) => change.name !== undefined || change.maxConcurrency !== undefined, {
    message: 'name or maxConcurrency',
  });
export type SkillGroupUpdate = z.infer<typeof skillGroupUpdateSchema>;

/** The seats (TCCC seat accounts) to bind, at one priority (1 highest … 5, TCCC's default 3). */
export const skillGroupMembersAddSchema = z
  .object({
    seatIds: z.array(seatUserIdSchema).min(1).max(50),
    priority: z.number().int().min(1).max(5).optional(),
  })
  .strict();
export type SkillGroupMembersAdd = z.infer<typeof skillGroupMembersAddSchema>;

export const DEFAULT_SKILL_GROUP_PRIORITY = 3;

/** How long the gateway answers an app's skill-group list from memory (writes drop it at once). */
export const SKILL_GROUP_CACHE_SECONDS = 10;

export interface SkillGroupView {
  skillGroupId: number;
  name: string;
  type: SkillGroupType;
  maxConcurrency?: number;
  memberCount?: number;
}

export interface SkillGroupList {
  items: SkillGroupView[];
}

export interface SkillGroupMemberView {
  /** the TCCC seat account (its mail) */
  seatId: string;
  name?: string;
  priority: number;
  /** the business user mapped to this seat in this app, when there is one */
  businessUserId?: string;
}

export interface SkillGroupMemberList {
  items: SkillGroupMemberView[];
}

export interface SkillGroupMembersResult {
  /** seats bound now (a seat already bound gets the new priority) */
  bound: string[];
}
