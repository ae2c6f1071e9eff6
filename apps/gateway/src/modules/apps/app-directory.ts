// What other modules may know about a tenant's TCCC apps without the apps API's access checks:
// lookups by SDKAppID (seats), the tenant's apps (overview) and their count (tenants). The apps
// module owns the tccc_apps table; other modules ask here instead of querying it. Credentials stay
// envelopes here; AppsService.secretsOf decrypts them for one call.
import { Injectable } from '@nestjs/common';
import { AppsRepository, type TcccApp } from './apps.repository';

export type { TcccApp } from './apps.repository';

@Injectable()
export class AppDirectory {
  constructor(private readonly apps: AppsRepository) {}

  bySdkAppId(tenantId: string, sdkAppId: number): Promise<TcccApp | null> {
    return this.apps.findBySdkAppId(tenantId, sdkAppId);
  }

  byId(tenantId: string, appId: string): Promise<TcccApp | null> {
    return this.apps.find(tenantId, appId);
  }

  /** App ids by SDKAppID, for those of these SDKAppIDs that are the tenant's apps. */
  async idsBySdkAppId(tenantId: string, sdkAppIds: number[]): Promise<Map<number, string>> {
    const apps = await this.apps.listBySdkAppIds(tenantId, sdkAppIds);
    return new Map(apps.map((app) => [Number(app.sdkAppId), app.id]));
  }

  /** The tenant's apps, oldest first. */
  allOf(tenantId: string): Promise<TcccApp[]> {
    return this.apps.listAll(tenantId);
  }

  /** Joins the caller's unit of work, if there is one. */
  countOfTenant(tenantId: string): Promise<number> {
    return this.apps.countOfTenant(tenantId);
  }
}
