import { buildInputSchema, dockerBuildWords, type BuildInput } from '../../../shared/image-contract.js';
import { formatCommand } from '../../../shared/shell-command.js';

export interface BuildFormFields {
  mode: 'inline' | 'file';
  contextPath: string;
  dockerfileText: string;
  dockerfile: string;
  tag: string;
  argsText: string;
  target: string;
  noCache: boolean;
  pull: boolean;
}

export interface BuildFormView {
  /** What Build sends; null while something is missing or wrong. */
  input: BuildInput | null;
  /** The `docker build` line, with `<folder>` where the form still lacks the context. */
  command: string;
  /** Why Build is not possible yet, in a sentence; null when it is. */
  blocked: string | null;
}

export function parseBuildArgs(text: string): { args: Record<string, string>; problem: string | null } {
  const args: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { args, problem: `Build args: "${line}" is not NAME=value` };
    args[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { args, problem: null };
}

const folderPlaceholder = '<folder>';

/** The form as the build it equals: the input, its command line (complete or with placeholders), and what blocks it. */
export function buildFormView(f: BuildFormFields): BuildFormView {
  const { args, problem: argsProblem } = parseBuildArgs(f.argsText);
  const contextPath = f.contextPath.trim();
  const dockerfile = f.dockerfile.trim();
  const draft: BuildInput = {
    ...(contextPath ? { contextPath } : {}),
    ...(f.mode === 'inline' ? { dockerfileText: f.dockerfileText } : dockerfile && dockerfile !== 'Dockerfile' ? { dockerfile } : {}),
    ...(f.tag.trim() ? { tags: [f.tag.trim()] } : {}),
    ...(Object.keys(args).length > 0 ? { buildArgs: args } : {}),
    ...(f.target.trim() ? { target: f.target.trim() } : {}),
    ...(f.noCache ? { noCache: true } : {}),
    ...(f.pull ? { pull: true } : {}),
  };
  const needsFolder = f.mode === 'file' && !contextPath;
  const words = dockerBuildWords(needsFolder ? { ...draft, contextPath: folderPlaceholder } : draft);
  // The placeholder is shown bare (a shell would quote `<folder>`): it is a blank to fill, not a word.
  const command = needsFolder ? `${formatCommand(words.slice(0, -1))} ${folderPlaceholder}` : formatCommand(words);

  let blocked: string | null = null;
  if (needsFolder) blocked = 'Give the context folder: the Dockerfile is read from it (or choose “Write it here”, which needs none).';
  else if (f.mode === 'inline' && !f.dockerfileText.trim()) blocked = 'Write the Dockerfile first.';
  else if (argsProblem) blocked = argsProblem;
  let input: BuildInput | null = null;
  if (blocked === null) {
    const parsed = buildInputSchema.safeParse(draft);
    if (parsed.success) input = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const field =
        issue?.path[0] === 'tags'
          ? 'Tag'
          : issue?.path[0] === 'contextPath'
            ? 'Context folder'
            : issue?.path[0] === 'target'
              ? 'Target stage'
              : null;
      blocked = `${field ? `${field}: ` : ''}${issue?.message ?? 'the form is not complete'}`;
    }
  }
  return { input, command, blocked };
}
