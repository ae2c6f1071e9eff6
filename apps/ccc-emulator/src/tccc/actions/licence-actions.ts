import { ownedApp, type ActionContext, type ActionEntries } from '../action-context';
import { optionalIntegerListParam, rejectUnknown } from '../request-params';

// DescribeCCCBuyInfoList: the seat licences bought per app, as seeded (or set through the admin API).

function describeCccBuyInfoList(ctx: ActionContext): Record<string, unknown> {
  const { state, secretId, params } = ctx;
  rejectUnknown(params, ['SdkAppIds']);
  const wanted = optionalIntegerListParam(params, 'SdkAppIds');
  // Unconfirmed: what TCCC does with an SdkAppIds entry that is not the caller's. The emulator
  // answers InvalidParameterValue.InstanceNotExist, as the other actions do.
  const apps =
    wanted === undefined || wanted.length === 0
      ? state.directory.appsOf(secretId)
      : wanted.map((sdkAppId) => ownedApp(ctx, sdkAppId));
  return {
    TotalCount: apps.length,
    SdkAppIdBuyList: apps.map((app) => {
      const standing = state.directory.licencesOf(app.sdkAppId);
      return {
        SdkAppId: app.sdkAppId,
        Name: app.name,
        StaffBuyNum: standing.seats,
        // "还在有效期内": only purchases still valid are listed.
        StaffBuyList: standing.valid.map((purchase) => ({
          Num: purchase.num,
          BuyTime: purchase.buyTime,
          EndTime: purchase.endTime,
          SipNum: purchase.sipNum,
        })),
        PhoneNumBuyList: [],
        SipBuyNum: standing.valid.reduce((sum, purchase) => sum + purchase.sipNum, 0),
      };
    }),
    PackageBuyList: [],
  };
}

export const LICENCE_ACTIONS: ActionEntries = [['DescribeCCCBuyInfoList', describeCccBuyInfoList]];
