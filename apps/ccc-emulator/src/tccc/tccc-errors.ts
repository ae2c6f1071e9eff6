// TCCC API errors: codes from Tencent Cloud's common error list and the CCC action pages.
// Thrown by action handlers and mapped to the API 3.0 error envelope by the endpoint.

export type TcccErrorCode =
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureFailure'
  | 'AuthFailure.SignatureExpire'
  | 'AuthFailure.UnauthorizedOperation'
  | 'OperationDenied.UinDisabled'
  | 'InvalidAction'
  | 'NoSuchVersion'
  | 'MissingParameter'
  | 'InvalidParameter'
  | 'InvalidParameterValue'
  | 'UnknownParameter'
  | 'RequestLimitExceeded'
  | 'RequestSizeLimitExceeded'
  | 'InternalError'
  | 'InternalError.DBError'
  | 'LimitExceeded'
  | 'LimitExceeded.BasePackageExpired'
  | 'LimitExceeded.InsufficientLicense'
  | 'FailedOperation'
  | 'FailedOperation.DuplicatedAccount'
  | 'ResourceUnavailable'
  | 'InvalidParameter.InstanceNotExist'
  | 'InvalidParameterValue.InstanceNotExist'
  | 'InvalidParameterValue.AccountNotExist'
  | 'InvalidParameterValue.PhoneNumIsBoundOtherAccount'
  | 'InvalidParameterValue.SkillGroupError'
  | 'InvalidParameterValue.SkillGroupExist';

export class TcccError extends Error {
  constructor(
    readonly code: TcccErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TcccError';
  }
}
