// A Dockerfile as its build stages (dockerfile-ast parses; a FROM starts a stage), and the build
// context as Docker sees it through .dockerignore.
import { DockerfileParser, ModifiableInstruction, type Instruction } from 'dockerfile-ast';

export interface BuildStage {
  /** the image of its FROM, e.g. node:20.20.2-bookworm-slim, or an earlier stage's name */
  image: string;
  name: string | null;
  instructions: Instruction[];
}

export function buildStages(content: string): BuildStage[] {
  const stages: BuildStage[] = [];
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const args = instruction.getArguments().map((argument) => argument.getValue());
      const image = args.find((arg) => !arg.startsWith('--')) ?? '';
      const asIndex = args.findIndex((arg) => arg.toUpperCase() === 'AS');
      stages.push({ image, name: asIndex >= 0 ? (args[asIndex + 1] ?? null) : null, instructions: [] });
    } else if (keyword !== 'ARG' || stages.length > 0) {
      const stage = stages[stages.length - 1];
      if (!stage) throw new Error(`${keyword} before the first FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

export function ofKind(stage: BuildStage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/** The words of an instruction's arguments, with line continuations removed. */
export function words(instruction: Instruction): string[] {
  return instruction.getArguments().map((argument) => argument.getValue());
}

export interface CopyInstruction {
  from: string | null;
  sources: string[];
  destination: string;
}

export function copyInstruction(instruction: Instruction): CopyInstruction {
  if (!(instruction instanceof ModifiableInstruction)) throw new Error('not a COPY instruction');
  // dockerfile-ast keeps flags (--from, --chown ...) apart from the arguments
  const fromFlag = instruction.getFlags().find((flag) => flag.getName() === 'from');
  const paths = words(instruction);
  const destination = paths.pop();
  if (destination === undefined || paths.length === 0)
    throw new Error('COPY needs a source and a destination');
  return { from: fromFlag?.getValue() ?? null, sources: paths, destination };
}

function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether Docker leaves a path (relative to the context root) out of the build context: the last
 * .dockerignore pattern that matches the path or one of its parent folders decides, `!` re-includes.
 */
export function dockerIgnores(dockerignore: string): (path: string) => boolean {
  const rules = dockerignore
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exception = line.startsWith('!');
      const pattern = (exception ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      return { exception, regexp: patternToRegExp(pattern) };
    });
  return (path) => {
    const parts = path.replace(/^\.\//, '').split('/');
    const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    let ignored = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regexp.test(candidate))) ignored = !rule.exception;
    }
    return ignored;
  };
}
