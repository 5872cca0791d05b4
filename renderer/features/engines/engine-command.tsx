import { useShownCommand } from '../../components/command-target.js';

/** A shown `docker …` line, aimed at the page's engine (`docker --context robot1 …`, `DOCKER_HOST=… docker …`). */
export function EngineCommand({ line, className = 'faint' }: { line: string | undefined; className?: string }) {
  const shown = useShownCommand(line ?? '');
  return <code className={className}>{shown}</code>;
}
