// A mapping refused because its seat or its business user is taken in that app: worded for the
// field it belongs to, naming the other mapping ("seat taken by business user bob"), so the form
// shows it there instead of a toast. Used by the map-seat form (Seats and TCCC seats) and the edit form.
import { isApiError } from '../../../api/client';
import { FieldConflict } from '../../../components/form/field-conflict';
import type { Translate } from '../../../i18n';

export function seatConflict(
  error: unknown,
  t: Translate,
  wanted: { businessUserId?: string; seatUserId?: string },
): FieldConflict | null {
  if (isApiError(error, 'seat_user_taken')) {
    const seat = error.details?.seatUserId ?? wanted.seatUserId ?? '';
    const holder = error.details?.businessUserId;
    return new FieldConflict(
      ['seatUserId'],
      holder ? t('seats.seatTakenBy', { seat, user: holder }) : t('seats.seatTaken', { seat }),
    );
  }
  if (isApiError(error, 'business_user_taken')) {
    const user = error.details?.businessUserId ?? wanted.businessUserId ?? '';
    const seat = error.details?.seatUserId;
    return new FieldConflict(
      ['businessUserId'],
      seat ? t('seats.userHasSeat', { user, seat }) : t('seats.userHasSeatInApp', { user }),
    );
  }
  return null;
}

/**
 * A map or edit form's failure, told once: a conflict on its field (the form shows the thrown
 * FieldConflict, and any error toast is closed), anything else as a toast.
 */
export function failSeatForm(
  error: unknown,
  t: Translate,
  wanted: { businessUserId?: string; seatUserId?: string },
  notify: { dismiss(): void; error(error: unknown): void },
): never {
  const conflict = seatConflict(error, t, wanted);
  if (conflict) {
    notify.dismiss();
    throw conflict;
  }
  notify.error(error);
  throw error;
}
