import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The layering and no-cycle rules of eslint.config.js, proven by linting code that breaks them.
const eslint = new ESLint({ cwd: process.cwd() });
// The first lint loads the type-aware parser and the import graph: slow on a loaded machine, not a hang.
vi.setConfig({ testTimeout: 60_000 });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layering enforced by lint', () => {
  const cases: { what: string; file: string; code: string }[] = [
    {
      what: 'engine/ importing server/',
      file: 'electron/engine/probe.ts',
      code: "import { createRouter } from '../server/rpc/router.js';\nexport const r = createRouter;\n",
    },
    {
      what: 'engine/ importing desktop/',
      file: 'electron/engine/probe.ts',
      code: "import { appOrigin } from '../desktop/main/app-page.js';\nexport const u = appOrigin;\n",
    },
    {
      what: 'engine/ importing electron',
      file: 'electron/engine/probe.ts',
      code: "import { app } from 'electron';\nexport const a = app;\n",
    },
    {
      what: 'server/ importing desktop/',
      file: 'electron/server/probe.ts',
      code: "import { appOrigin } from '../desktop/main/app-page.js';\nexport const u = appOrigin;\n",
    },
    {
      what: 'server/ importing electron',
      file: 'electron/server/web/probe.ts',
      code: "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n",
    },
    {
      what: 'server/ importing the renderer',
      file: 'electron/server/probe.ts',
      code: "import { BerthClient } from '../../renderer/api/client.js';\nexport const c = BerthClient;\n",
    },
    {
      what: 'desktop/ importing the renderer',
      file: 'electron/desktop/main/probe.ts',
      code: "import { BerthClient } from '../../../renderer/api/client.js';\nexport const c = BerthClient;\n",
    },
    {
      what: 'the renderer importing Node',
      file: 'renderer/probe.ts',
      code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    },
    {
      what: 'the renderer importing electron/',
      file: 'renderer/probe.ts',
      code: "import { createRouter } from '../electron/server/rpc/router.js';\nexport const r = createRouter;\n",
    },
    {
      what: 'shared/ importing a library other than zod',
      file: 'shared/probe.ts',
      code: "import Docker from 'dockerode';\nexport const d = Docker;\n",
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.what}`, async () => {
      expect(await ruleIdsFor(c.code, c.file)).toContain('no-restricted-imports');
    });
  }

  it('allows what the layers permit: server/ importing engine/ and shared/, engine/ importing shared/', async () => {
    const server =
      "import { EngineConnection } from '../engine/engine-connection.js';\nimport { BerthError } from '../../shared/errors.js';\nexport const x = [EngineConnection, BerthError];\n";
    expect(await ruleIdsFor(server, 'electron/server/probe.ts')).toEqual([]);
    const engine = "import { BerthError } from '../../shared/errors.js';\nexport const x = BerthError;\n";
    expect(await ruleIdsFor(engine, 'electron/engine/probe.ts')).toEqual([]);
  });
});

describe('import cycles refused by lint', () => {
  const dir = join('electron', 'server', `.lint-probe-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports two modules that import each other', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = (): number => a() + 1;\n");
    const [result] = await eslint.lintFiles([join(dir, 'a.ts')]);
    expect((result?.messages ?? []).map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});
