import { mapTcccError } from './tccc.errors';

describe('mapTcccError', () => {
  it.each([
    [{ code: 'InvalidParameterValue.AccountNotExist' }, 'seat_missing_upstream', 'rejected'],
    [{ code: 'AuthFailure.SignatureFailure' }, 'upstream_credentials_rejected', 'rejected'],
    [{ code: 'AuthFailure.SecretIdNotFound' }, 'upstream_credentials_rejected', 'rejected'],
    [{ code: 'InvalidParameterValue.InstanceNotExist' }, 'upstream_app_not_found', 'rejected'],
    [{ code: 'InvalidParameter.InstanceNotExist' }, 'upstream_app_not_found', 'rejected'],
    [{ code: 'RequestLimitExceeded' }, 'upstream_rate_limited', 'rejected'],
    [{ code: 'InternalError.DBError' }, 'upstream_unavailable', 'unavailable'],
    [{ httpCode: 502, message: 'bad gateway' }, 'upstream_unavailable', 'unavailable'],
    [new Error('socket hang up'), 'upstream_unavailable', 'unavailable'],
    [{ code: 'OperationDenied.UinDisabled' }, 'upstream_account_disabled', 'rejected'],
    [{ code: 'AuthFailure.UnauthorizedOperation' }, 'upstream_permission_denied', 'rejected'],
    [{ code: 'LimitExceeded.BasePackageExpired' }, 'upstream_package_expired', 'rejected'],
    [{ code: 'LimitExceeded.InsufficientLicense' }, 'upstream_licences_exhausted', 'rejected'],
    [{ code: 'LimitExceeded' }, 'upstream_licences_exhausted', 'rejected'],
    [{ code: 'OperationDenied.NotInWhiteList' }, 'upstream_error', 'rejected'],
  ])('%j → %s (%s)', (error, code, kind) => {
    const mapped = mapTcccError(error, 1400000001, 'CreateStaff');
    expect(mapped.error.code).toBe(code);
    expect(mapped.kind).toBe(kind);
  });

  it('names the action a CAM refusal was about', () => {
    const mapped = mapTcccError({ code: 'AuthFailure.UnauthorizedOperation' }, 1400000001, 'DeleteStaff');
    expect(mapped.error.details).toMatchObject({ action: 'DeleteStaff', sdkAppId: 1400000001 });
    expect(mapped.error.message).toContain('DeleteStaff');
  });
});
