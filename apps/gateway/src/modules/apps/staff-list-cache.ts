// An app's TCCC staff list, reused for STAFF_CACHE_SECONDS: every read of it is one
// DescribeStaffInfoList call per 500 seats, each taking a slot of the account's upstream quota, and a
// seat picker searching as the admin types would otherwise spend that quota on every keystroke.
// Concurrent readers of one app share one upstream read. Entries live in a BoundedCache, so a change
// to the app's tenant (credentials, region, deletion) drops them in every process; the key also
// carries the credentials' time and the region, so a rotation is never answered from the old list.
import { Injectable } from '@nestjs/common';
import { STAFF_CACHE_SECONDS } from '@seatgate/contracts';
import type { BoundedCache } from '../cache/bounded-cache';
import { CacheInvalidation } from '../cache/cache-invalidation.service';
import type { StaffMember } from '../tccc/tccc.service';

export interface StaffList {
  staff: StaffMember[];
  fetchedAt: Date;
}

export interface StaffListSource {
  tenantId: string;
  appId: string;
  region: string | null;
  credentialsUpdatedAt: Date;
}

@Injectable()
export class StaffListCache {
  private readonly lists: BoundedCache<string, StaffList>;
  private readonly inFlight = new Map<string, Promise<StaffList>>();

  constructor(invalidation: CacheInvalidation) {
    this.lists = invalidation.create('tccc-staff', 1_000);
  }

  /** The app's list read within STAFF_CACHE_SECONDS, or `read()`'s (always `read()`'s with `refresh`). */
  async get(
    source: StaffListSource,
    read: () => Promise<StaffMember[]>,
    options: { refresh: boolean },
  ): Promise<StaffList> {
    const key = `${source.appId}\u0000${source.credentialsUpdatedAt.toISOString()}\u0000${source.region ?? ''}`;
    if (!options.refresh) {
      const kept = this.lists.get(key);
      if (kept && Date.now() - kept.fetchedAt.getTime() < STAFF_CACHE_SECONDS * 1000) return kept;
      const pending = this.inFlight.get(key);
      if (pending) return pending;
    }
    const generation = this.lists.generation;
    const loading = read().then((staff) => {
      const list = { staff, fetchedAt: new Date() };
      this.lists.set(key, list, source.tenantId, generation);
      return list;
    });
    this.inFlight.set(key, loading);
    try {
      return await loading;
    } finally {
      if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
    }
  }
}
