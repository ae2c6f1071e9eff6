import { BUSINESS_TOKEN_MAX_LIFETIME_SECONDS, type SigningKeyType } from '../../../../api/signing-keys/types';

/** The languages a vendor's backend is written in, each with the JWT library its developers use. */
export const SNIPPET_LANGUAGES = ['node', 'java', 'go', 'python', 'php'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export const SNIPPET_LANGUAGE_LABELS: Record<SnippetLanguage, string> = {
  node: 'Node.js',
  java: 'Java',
  go: 'Go',
  python: 'Python',
  php: 'PHP',
};

const ALGORITHM: Record<SigningKeyType, 'HS256' | 'RS256' | 'ES256'> = {
  hs256: 'HS256',
  rs256: 'RS256',
  es256: 'ES256',
  // a JWKS may publish RSA or EC keys; RS256 is the common case
  jwks: 'RS256',
};

/** What every snippet mints: the claims the gateway checks (business-token.claims.ts). */
interface TokenShape {
  algorithm: 'HS256' | 'RS256' | 'ES256';
  /** the `kid` header: the key's id, or for a JWKS one of the kids it publishes */
  kid: string;
  /** the `aud` claim: the tenant's tokenAudience, "seatgate" when unset */
  audience: string;
  /** exp - iat, under the gateway's limit */
  lifetimeSeconds: number;
  maxSeconds: number;
  shared: boolean;
}

// Single-quoted / double-quoted literals: kids and audiences are plain text, but a quote or a
// backslash in a tenant's audience must not break the pasted code.
const single = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const double = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function node(shape: TokenShape): string {
  const lines = shape.shared
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
  // optional claim: { sdkAppId: 1400000001 } pins the user's app when they have seats in several
  return jwt.sign({}, key, {
    algorithm: '${shape.algorithm}',
    keyid: ${single(shape.kid)},
    subject: String(businessUserId),
    audience: ${single(shape.audience)},
    expiresIn: '${shape.lifetimeSeconds / 60}m', // at most ${shape.maxSeconds / 60} minutes
  });
}

console.log(mintSeatgateToken('agent-1001'));
`;
}

function java(shape: TokenShape): string {
  const keyFamily = shape.algorithm === 'ES256' ? 'EC' : 'RSA';
  const key = shape.shared
    ? `  // the secret shown once when the key was created, kept in your secret store
  private static final SecretKey KEY = Keys.hmacShaKeyFor(
      System.getenv("SEATGATE_SIGNING_SECRET").getBytes(StandardCharsets.UTF_8));`
    : `  // your private key (PKCS#8 PEM, "BEGIN PRIVATE KEY"); Seatgate holds only the public half
  private static final PrivateKey KEY = readPrivateKey(System.getenv("SEATGATE_PRIVATE_KEY_PATH"));

  private static PrivateKey readPrivateKey(String path) {
    try {
      String pem = Files.readString(Path.of(path)).replaceAll("-----[A-Z ]+-----", "");
      byte[] der = Base64.getMimeDecoder().decode(pem);
      return KeyFactory.getInstance("${keyFamily}").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the Seatgate signing key", e);
    }
  }`;
  const imports = shape.shared
    ? [
        'io.jsonwebtoken.security.Keys',
        'java.nio.charset.StandardCharsets',
        'java.time.Instant',
        'java.util.Date',
        'javax.crypto.SecretKey',
      ]
    : [
        'java.nio.file.Files',
        'java.nio.file.Path',
        'java.security.KeyFactory',
        'java.security.PrivateKey',
        'java.security.spec.PKCS8EncodedKeySpec',
        'java.time.Instant',
        'java.util.Base64',
        'java.util.Date',
      ];
  return `// Maven: io.jsonwebtoken:jjwt-api:0.12.6, and at runtime jjwt-impl and jjwt-jackson 0.12.6
import io.jsonwebtoken.Jwts;
${imports.map((name) => `import ${name};`).join('\n')}

public final class SeatgateToken {
${key}

  /** A business token for one of your users, for the Seatgate loader in their browser. */
  public static String mint(String businessUserId) {
    Instant now = Instant.now();
    return Jwts.builder()
        .header().keyId(${double(shape.kid)}).and()
        .subject(businessUserId)
        .audience().add(${double(shape.audience)}).and()
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plusSeconds(${shape.lifetimeSeconds}))) // at most ${shape.maxSeconds} s after iat
        // .claim("sdkAppId", 1400000001L) // optional: pins the user's app
        .signWith(KEY, Jwts.SIG.${shape.algorithm})
        .compact();
  }

  public static void main(String[] args) {
    System.out.println(mint("agent-1001"));
  }
}
`;
}

function go(shape: TokenShape): string {
  const parse = shape.algorithm === 'ES256' ? 'ParseECPrivateKeyFromPEM' : 'ParseRSAPrivateKeyFromPEM';
  const key = shape.shared
    ? `	// the secret shown once when the key was created, kept in your secret store
	key := []byte(os.Getenv("SEATGATE_SIGNING_SECRET"))`
    : `	// your private key; Seatgate holds only the public half
	pem, err := os.ReadFile(os.Getenv("SEATGATE_PRIVATE_KEY_PATH"))
	if err != nil {
		return "", err
	}
	key, err := jwt.${parse}(pem)
	if err != nil {
		return "", err
	}`;
  return `package main

import (
	"fmt"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5" // go get github.com/golang-jwt/jwt/v5
)

// mintSeatgateToken: a business token for one of your users, for the Seatgate loader in their browser.
func mintSeatgateToken(businessUserID string) (string, error) {
${key}
	now := time.Now()
	token := jwt.NewWithClaims(jwt.SigningMethod${shape.algorithm}, jwt.MapClaims{
		"sub": businessUserID,
		"aud": ${double(shape.audience)},
		"iat": now.Unix(),
		"exp": now.Add(${shape.lifetimeSeconds} * time.Second).Unix(), // at most ${shape.maxSeconds} s after iat
		// "sdkAppId": 1400000001, // optional: pins the user's app
	})
	token.Header["kid"] = ${double(shape.kid)}
	return token.SignedString(key)
}

func main() {
	token, err := mintSeatgateToken("agent-1001")
	if err != nil {
		panic(err)
	}
	fmt.Println(token)
}
`;
}

function python(shape: TokenShape): string {
  const key = shape.shared
    ? `import jwt  # pip install PyJWT

# the secret shown once when the key was created, kept in your secret store
KEY = os.environ["SEATGATE_SIGNING_SECRET"]`
    : `import jwt  # pip install "PyJWT[crypto]"

# your private key; Seatgate holds only the public half
with open(os.environ["SEATGATE_PRIVATE_KEY_PATH"]) as pem:
    KEY = pem.read()`;
  return `import os
import time

${key}


def mint_seatgate_token(business_user_id: str) -> str:
    """A business token for one of your users, for the Seatgate loader in their browser."""
    now = int(time.time())
    claims = {
        "sub": str(business_user_id),
        "aud": ${double(shape.audience)},
        "iat": now,
        "exp": now + ${shape.lifetimeSeconds},  # at most ${shape.maxSeconds} s after iat
        # "sdkAppId": 1400000001,  # optional: pins the user's app
    }
    return jwt.encode(claims, KEY, algorithm="${shape.algorithm}", headers={"kid": ${double(shape.kid)}})


print(mint_seatgate_token("agent-1001"))
`;
}

function php(shape: TokenShape): string {
  const key = shape.shared
    ? `// the secret shown once when the key was created, kept in your secret store
$key = getenv('SEATGATE_SIGNING_SECRET');`
    : `// your private key; Seatgate holds only the public half
$key = file_get_contents(getenv('SEATGATE_PRIVATE_KEY_PATH'));`;
  return `<?php
// composer require firebase/php-jwt
require __DIR__ . '/vendor/autoload.php';

use Firebase\\JWT\\JWT;

${key}

/** A business token for one of your users, for the Seatgate loader in their browser. */
function mintSeatgateToken(string $businessUserId, string $key): string
{
    $now = time();
    $claims = [
        'sub' => $businessUserId,
        'aud' => ${single(shape.audience)},
        'iat' => $now,
        'exp' => $now + ${shape.lifetimeSeconds}, // at most ${shape.maxSeconds} s after iat
        // 'sdkAppId' => 1400000001, // optional: pins the user's app
    ];
    return JWT::encode($claims, $key, '${shape.algorithm}', ${single(shape.kid)});
}

echo mintSeatgateToken('agent-1001', $key), PHP_EOL;
`;
}

const WRITERS: Record<SnippetLanguage, (shape: TokenShape) => string> = { node, java, go, python, php };

/**
 * A snippet that mints a business token the gateway accepts: the key id in the header (for a
 * JWKS, one of the kids it publishes), the business user as `sub`, the tenant's audience as
 * `aud`, `iat` and an `exp` 5 minutes later (the gateway allows at most 10), and the optional
 * `sdkAppId` claim shown commented out.
 */
export function tokenSnippet({
  kid,
  type,
  audience,
  language = 'node',
}: {
  /** null: a JWKS whose kids are not known yet */
  kid: string | null;
  type: SigningKeyType;
  audience: string;
  language?: SnippetLanguage;
}): string {
  return WRITERS[language]({
    algorithm: ALGORITHM[type],
    kid: kid ?? '<a kid your JWKS publishes>',
    audience,
    lifetimeSeconds: 300,
    maxSeconds: BUSINESS_TOKEN_MAX_LIFETIME_SECONDS,
    shared: type === 'hs256',
  });
}
