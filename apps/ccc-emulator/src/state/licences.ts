// Seat licences bought for an app (DescribeCCCBuyInfoList's StaffBuyList). A purchase counts while
// the emulator's clock is before its EndTime, so moving the clock forward lets a package expire.

export interface LicencePurchase {
  /** Seats bought. */
  num: number;
  /** Unix seconds. */
  buyTime: number;
  /** Unix seconds; the purchase no longer counts from then on. */
  endTime: number;
  /** Office phone (SIP) seats bought with it. */
  sipNum: number;
}

export interface LicenceStanding {
  /** Seats of purchases still valid (StaffBuyNum). */
  seats: number;
  valid: LicencePurchase[];
  /** Licences were bought, and every one of them has ended: LimitExceeded.BasePackageExpired. */
  expired: boolean;
}

export function licenceStanding(purchases: readonly LicencePurchase[], nowSeconds: number): LicenceStanding {
  const valid = purchases.filter((purchase) => purchase.endTime > nowSeconds);
  return {
    seats: valid.reduce((sum, purchase) => sum + purchase.num, 0),
    valid: valid.map((purchase) => ({ ...purchase })),
    expired: purchases.length > 0 && valid.length === 0,
  };
}
