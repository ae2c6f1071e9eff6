// Just enough of nginx's configuration language to check deploy/nginx/nginx.conf without an nginx:
// directives with arguments and blocks, and which `location` of a server nginx picks for a URI.

export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '#') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (char === '{' || char === '}' || char === ';') {
      tokens.push(char);
      i += 1;
    } else if (char === '"' || char === "'") {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== char) {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      if (i >= text.length) throw new Error('nginx config: unterminated quoted string');
      i += 1;
      tokens.push(value);
    } else {
      let value = '';
      while (i < text.length && !/[\s{};]/.test(text[i]!)) {
        value += text[i];
        i += 1;
      }
      tokens.push(value);
    }
  }
  return tokens;
}

export function parseNginxConfig(text: string): NginxDirective[] {
  const tokens = tokenize(text);
  let position = 0;
  const parseBlock = (nested: boolean): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    while (position < tokens.length) {
      if (tokens[position] === '}') {
        if (!nested) throw new Error('nginx config: unexpected }');
        position += 1;
        return directives;
      }
      const words: string[] = [];
      while (position < tokens.length && !['{', '}', ';'].includes(tokens[position]!)) {
        words.push(tokens[position]!);
        position += 1;
      }
      const end = tokens[position];
      position += 1;
      const [name, ...args] = words;
      if (name === undefined) throw new Error(`nginx config: empty directive before ${end ?? 'end of file'}`);
      if (end === ';') directives.push({ name, args });
      else if (end === '{') directives.push({ name, args, block: parseBlock(true) });
      else throw new Error(`nginx config: directive ${name} is not terminated`);
    }
    if (nested) throw new Error('nginx config: missing }');
    return directives;
  };
  return parseBlock(false);
}

export function children(directives: NginxDirective[] | undefined, name: string): NginxDirective[] {
  return (directives ?? []).filter((directive) => directive.name === name);
}

/** Every directive of that name at any depth. */
export function findAll(directives: NginxDirective[], name: string): NginxDirective[] {
  return directives.flatMap((directive) => [
    ...(directive.name === name ? [directive] : []),
    ...findAll(directive.block ?? [], name),
  ]);
}

/**
 * The `location` nginx uses for a URI path in a server block: an exact `=` match; else the longest
 * prefix match, unless it is not `^~` and a regex location (`~`, `~*`, in file order) matches.
 * Nested locations are not supported (the config has none).
 */
export function selectLocation(server: NginxDirective, path: string): NginxDirective | undefined {
  const locations = children(server.block, 'location');
  if (locations.some((location) => children(location.block, 'location').length > 0)) {
    throw new Error('nested locations are not supported by this check');
  }
  const exact = locations.find((location) => location.args[0] === '=' && location.args[1] === path);
  if (exact) return exact;
  let longest: NginxDirective | undefined;
  let longestLength = -1;
  for (const location of locations) {
    const [modifier = '', value] = location.args;
    const prefix = location.args.length === 1 ? modifier : modifier === '^~' ? value : undefined;
    if (prefix !== undefined && path.startsWith(prefix) && prefix.length > longestLength) {
      longest = location;
      longestLength = prefix.length;
    }
  }
  if (longest?.args[0] === '^~') return longest;
  for (const location of locations) {
    const [modifier, pattern = ''] = location.args;
    if (modifier !== '~' && modifier !== '~*') continue;
    if (new RegExp(pattern, modifier === '~*' ? 'i' : '').test(path)) return location;
  }
  return longest;
}
