import { BUSINESS_TOKEN_MAX_LIFETIME_SECONDS, type SigningKeyType } from '../../../../api/signing-keys/types';

const ALGORITHM: Record<SigningKeyType, string> = {
  hs256: 'HS256',
  rs256: 'RS256',
  es256: 'ES256',
  // a JWKS may publish RSA or EC keys; RS256 is the common case
  jwks: 'RS256',
};

/**
 * A Node.js snippet (jsonwebtoken) that mints a business token the gateway accepts: the key id
 * in the header (for a JWKS, one of the kids it publishes), the business user as `sub`, the
 * tenant's audience, and a lifetime under the gateway's limit.
 */
export function tokenSnippet({
  kid,
  type,
  audience,
}: {
  /** null: a JWKS whose kids are not known yet */
  kid: string | null;
  type: SigningKeyType;
  audience: string;
}): string {
  const algorithm = ALGORITHM[type];
  const maxMinutes = Math.floor(BUSINESS_TOKEN_MAX_LIFETIME_SECONDS / 60);
  const lines =
    type === 'hs256'
      ? [
          "const jwt = require('jsonwebtoken'); // npm install jsonwebtoken",
          '',
          '// the secret shown once when the key was created, kept in your secret store',
          'const key = process.env.SEATGATE_SIGNING_SECRET;',
        ]
      : [
          "const fs = require('node:fs');",
          "const jwt = require('jsonwebtoken'); // npm install jsonwebtoken",
          '',
          '// your private key; Seatgate holds only the public half',
          "const key = fs.readFileSync(process.env.SEATGATE_PRIVATE_KEY_PATH, 'utf8');",
        ];
  return `${lines.join('\n')}

/** A business token for one of your users, for the Seatgate loader in their browser. */
function mintSeatgateToken(businessUserId) {
  return jwt.sign({}, key, {
    algorithm: '${algorithm}',
    keyid: '${kid ?? '<a kid your JWKS publishes>'}',
    subject: String(businessUserId),
    audience: '${audience}',
    expiresIn: '5m', // at most ${maxMinutes} minutes
  });
}

console.log(mintSeatgateToken('agent-1001'));
`;
}
