// The skill groups of one app (CreateCCCSkillGroup and friends). Ids are per app, start at 1 and
// are never reused, so a deleted group's id cannot silently point at a new one.

/** SkillGroupType of ccc 2020-02-10: 0 phone, 1 online, 3 audio, 4 video. */
export const SKILL_GROUP_TYPES: readonly number[] = [0, 1, 3, 4];

export interface SkillGroupView {
  skillGroupId: number;
  name: string;
  type: number;
  maxConcurrency: number;
  ringAll: boolean;
  /** Unix seconds. */
  lastModifyTimestamp: number;
}

export interface SkillGroupInput {
  name: string;
  type?: number;
  maxConcurrency?: number;
}

export class SkillGroupRegistry {
  private readonly byId = new Map<number, SkillGroupView>();
  private nextId = 1;

  constructor(private readonly nowSeconds: () => number) {}

  list(): SkillGroupView[] {
    return [...this.byId.values()].map((group) => ({ ...group }));
  }

  byIdOf(id: number): SkillGroupView | undefined {
    const group = this.byId.get(id);
    return group === undefined ? undefined : { ...group };
  }

  byName(name: string): SkillGroupView | undefined {
    for (const group of this.byId.values()) if (group.name === name) return { ...group };
    return undefined;
  }

  /** Creates the group; the caller has checked that the name is free. */
  create(input: SkillGroupInput): SkillGroupView {
    const group: SkillGroupView = {
      skillGroupId: this.nextId,
      name: input.name,
      // Seeded and implicitly created groups are phone groups, TCCC's most common kind.
      type: input.type ?? 0,
      maxConcurrency: input.maxConcurrency ?? 1,
      ringAll: false,
      lastModifyTimestamp: this.nowSeconds(),
    };
    this.nextId += 1;
    this.byId.set(group.skillGroupId, group);
    return { ...group };
  }

  /** The id of the named group, created when missing (seeds and the admin API only). */
  ensure(name: string): number {
    return this.byName(name)?.skillGroupId ?? this.create({ name }).skillGroupId;
  }

  update(id: number, patch: { name?: string; maxConcurrency?: number; ringAll?: boolean }): void {
    const group = this.byId.get(id);
    if (group === undefined) return;
    if (patch.name !== undefined) group.name = patch.name;
    if (patch.maxConcurrency !== undefined) group.maxConcurrency = patch.maxConcurrency;
    if (patch.ringAll !== undefined) group.ringAll = patch.ringAll;
    group.lastModifyTimestamp = this.nowSeconds();
  }

  remove(id: number): boolean {
    return this.byId.delete(id);
  }
}
