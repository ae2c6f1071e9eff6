// What docker compose does with `.env` before it reads docker-compose.yml: KEY=VALUE lines become
// variables, and `${...}` in every string value of the file (never in keys) is replaced by them.
// Nested defaults (`${A:-${B}}`) are not supported; the compose file does not use them.

export class InterpolationError extends Error {}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** KEY=VALUE lines of a dotenv file; `#` lines and blank lines are skipped, quotes are removed. */
export function parseDotenv(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) throw new InterpolationError(`line ${index + 1} is not KEY=VALUE: ${raw}`);
    const [, name = '', rest = ''] = match;
    const quoted = /^(["'])(.*)\1$/.exec(rest);
    // unquoted: ` #` starts a comment, as in compose's dotenv reader
    variables.set(name, quoted ? (quoted[2] ?? '') : rest.replace(/\s+#.*$/, '').trim());
  });
  return variables;
}

const REFERENCE = /\$(?:(\$)|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])(.*))?$/s;

/**
 * Replaces `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `${VAR:+alt}` and `${VAR+alt}` like compose. Unlike compose, which warns and
 * substitutes an empty string, a variable without a default that `variables` lacks is an error.
 * Every variable name met is added to `used`.
 */
export function interpolate(
  text: string,
  variables: ReadonlyMap<string, string>,
  used?: Set<string>,
): string {
  return text.replace(REFERENCE, (whole, dollar?: string, braced?: string, bare?: string) => {
    if (dollar) return '$';
    const expression = braced ?? bare ?? '';
    const match = BRACED.exec(expression);
    if (!match) throw new InterpolationError(`invalid interpolation ${whole}`);
    const [, name = '', colon = '', operator, operand = ''] = match;
    if (operand.includes('${'))
      throw new InterpolationError(`nested interpolation is not supported: ${whole}`);
    used?.add(name);
    const value = variables.get(name);
    const set = value !== undefined && (colon === '' || value !== '');
    switch (operator) {
      case undefined:
        if (value === undefined) throw new InterpolationError(`${whole}: ${name} is not defined`);
        return value;
      case '-':
        return set ? (value ?? '') : operand;
      case '?':
        if (!set) throw new InterpolationError(`${whole}: ${operand || `${name} is required`}`);
        return value ?? '';
      case '+':
        return set ? operand : '';
      default:
        throw new InterpolationError(`invalid interpolation ${whole}`);
    }
  });
}

/** Interpolates every string value of a parsed YAML document (keys are left alone, as compose does). */
export function interpolateDocument(
  value: unknown,
  variables: ReadonlyMap<string, string>,
  used?: Set<string>,
): unknown {
  if (typeof value === 'string') return interpolate(value, variables, used);
  if (Array.isArray(value)) return value.map((item) => interpolateDocument(item, variables, used));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDocument(item, variables, used)]),
    );
  }
  return value;
}
