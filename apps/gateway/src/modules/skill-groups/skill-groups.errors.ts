// Skill-group refusals Seatgate makes before asking TCCC (TCCC's own are mapped in tccc.errors.ts).
import { domainError } from '../../common/errors/domain.error';
import { validationFailed } from '../../common/validation/zod.pipe';

export const skillGroupErrors = {
  notFound: (skillGroupId?: number) =>
    domainError(
      'skill_group_not_found',
      'TCCC has no such skill group in this app',
      skillGroupId === undefined ? {} : { skillGroupId },
    ),
  /** TCCC takes one session at a time in phone, audio and video groups */
  concurrencyOfType: () =>
    validationFailed([
      {
        path: 'maxConcurrency',
        message: 'phone, audio and video skill groups take one session at a time (maxConcurrency 1)',
        code: 'skill_group_one_session',
      },
    ]),
};
