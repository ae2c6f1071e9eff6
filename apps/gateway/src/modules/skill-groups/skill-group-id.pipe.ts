// Path skill-group ids: TCCC's are positive integers; anything else names no group (404).
import { PipeTransform } from '@nestjs/common';
import { skillGroupErrors } from './skill-groups.errors';

export class SkillGroupIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2 ** 31 - 1) throw skillGroupErrors.notFound();
    return Number(value);
  }
}
