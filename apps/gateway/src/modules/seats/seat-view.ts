// How a stored seat mapping reads in the API, and its place in the newest-first lists.
import type { SeatView } from '@seatgate/contracts';
import type { KeysetCursor } from '../../common/pagination/cursor';
import type { SeatRecord } from './seats.repository';

export function toSeatView(seat: SeatRecord): SeatView {
  return {
    id: seat.id,
    tenantId: seat.tenantId,
    appId: seat.appId,
    sdkAppId: Number(seat.app.sdkAppId),
    businessUserId: seat.businessUserId,
    seatUserId: seat.seatUserId,
    displayName: seat.displayName,
    status: seat.status,
    origin: seat.origin,
    staffNumber: seat.staffNumber,
    phone: seat.phone,
    role: seat.role,
    skillGroups: seat.skillGroups,
    offlineRequiredAt: seat.offlineRequiredAt?.toISOString() ?? null,
    createdAt: seat.createdAt.toISOString(),
    updatedAt: seat.updatedAt.toISOString(),
  };
}

export const seatPosition = (seat: SeatRecord): KeysetCursor => ({ at: seat.createdAt, id: seat.id });
