// What the SCIM service says about itself (RFC 7644 §4, RFC 7643 §5–7): ServiceProviderConfig,
// ResourceTypes and Schemas, for identity providers that read them before syncing.
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './scim-user';

export const MAX_PAGE_SIZE = 200;
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: "A SCIM token a tenant admin creates on the console's SCIM page",
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A business user of the tenant, with a TCCC seat while active',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A TCCC skill group of the tenant’s SCIM app',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

const attr = (name: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

const multi = (name: string, description: string) =>
  attr(name, 'complex', {
    multiValued: true,
    description,
    subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')],
  });

export function schemas(base: string) {
  return [
    {
      schemas: [SCHEMA_SCHEMA],
      id: USER_SCHEMA,
      name: 'User',
      description: 'User account',
      attributes: [
        attr('userName', 'string', {
          required: true,
          uniqueness: 'server',
          description: "The business user id (the tenant's own user id)",
        }),
        attr('externalId', 'string', { caseExact: true }),
        attr('active', 'boolean', {
          description: 'false offboards the user: logins refused, seat deleted or unmapped',
        }),
        attr('displayName', 'string'),
        attr('name', 'complex', {
          subAttributes: [
            attr('formatted', 'string'),
            attr('familyName', 'string'),
            attr('givenName', 'string'),
            attr('middleName', 'string'),
          ],
        }),
        multi('emails', 'The primary email is the seat id unless the tenant maps seat ids by its rule'),
        multi('phoneNumbers', 'The primary number reaches TCCC when it is a mainland China mobile number'),
      ],
      meta: { resourceType: 'Schema', location: `${base}/Schemas/${USER_SCHEMA}` },
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: GROUP_SCHEMA,
      name: 'Group',
      description: 'A TCCC skill group',
      attributes: [
        attr('displayName', 'string', { required: true, uniqueness: 'server' }),
        attr('members', 'complex', {
          multiValued: true,
          subAttributes: [
            attr('value', 'string', { mutability: 'immutable' }),
            attr('display', 'string', { mutability: 'readOnly' }),
            attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User'] }),
          ],
        }),
      ],
      meta: { resourceType: 'Schema', location: `${base}/Schemas/${GROUP_SCHEMA}` },
    },
  ];
}
