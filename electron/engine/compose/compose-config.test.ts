import { describe, expect, it } from 'vitest';
import { cleanComposeMessage, composeProblems, describeResolvedConfig, lineOfPath, yamlProblems } from './compose-config.js';
import { changedServices } from './compose-service.js';
import { findComposeProgram } from './compose-program.js';
import { defaultProjectName } from './compose-files.js';

const resolved = `services:
  a:
    container_name: fixed-a
    image: busybox
    profiles:
    - dbg
  b:
    image: busybox
version: '3.9'
volumes:
  ext:
    external: true
    name: ext
  named:
    name: custom-name
  plain: {}
`;

const file = `services:
  web:
    image: nginx
    command: 5
    bogus: 1
  db:
    image: postgres
`;

describe('reading what Compose resolved', () => {
  it('services with whether they may scale, and named volumes as the engine names them', () => {
    expect(describeResolvedConfig(resolved, 'shop')).toEqual({
      services: [
        { name: 'a', image: 'busybox', scalable: false, scaleBlock: 'container_name: fixed-a allows one container', profiles: ['dbg'] },
        { name: 'b', image: 'busybox', scalable: true, profiles: [] },
      ],
      volumes: [
        { key: 'ext', name: 'ext', external: true },
        { key: 'named', name: 'custom-name', external: false },
        { key: 'plain', name: 'shop_plain', external: false },
      ],
    });
  });
});

describe('problems at their line', () => {
  it('YAML syntax errors come from the parser with line and column', () => {
    expect(yamlProblems('a:\n  b: 1\n c: [\n')[0]).toMatchObject({ source: 'yaml', line: 3, column: 1 });
    expect(yamlProblems(file)).toEqual([]);
  });

  it('a key Compose names is found in the file', () => {
    expect(lineOfPath(file, ['services', 'web', 'command'])).toBe(4);
    expect(lineOfPath(file, ['services', 'db'])).toBe(6);
    // A key that is not there: its nearest parent.
    expect(lineOfPath(file, ['services', 'web', 'nope'])).toBe(2);
  });

  it('each line of a config refusal at the key it names, or at Compose\u2019s own line for <stdin>', () => {
    const output =
      "The Compose file is invalid because:\nUnsupported config option for services.web: 'bogus'\nservices.web.command contains an invalid type, it should be a string, or an array\n";
    expect(composeProblems(output, file)).toEqual([
      { message: "Unsupported config option for services.web: 'bogus'", line: 5, source: 'compose' },
      { message: 'services.web.command contains an invalid type, it should be a string, or an array', line: 4, source: 'compose' },
    ]);
    expect(composeProblems("Service 'db' depends on service 'zz' which is undefined.", file)[0]).toMatchObject({ line: 6 });
    const traceback =
      'Traceback (most recent call last):\n  File "x", line 1\nyaml.parser.ParserError: while parsing\n  in "<stdin>", line 2, column 3\nexpected <block end>\n  in "<stdin>", line 4, column 4\n';
    expect(composeProblems(traceback, file)).toEqual([
      { message: expect.not.stringContaining('Traceback'), line: 4, column: 4, source: 'compose' },
    ]);
    expect(cleanComposeMessage(traceback)).toMatch(/^yaml\.parser\.ParserError/);
    expect(composeProblems('something odd', file)).toEqual([{ message: 'something odd', source: 'compose' }]);
  });
});

describe('what a run changed', () => {
  it('recreated: a container went and another came; created: new ones only (a new service, or scaled up)', () => {
    const before = new Map([
      ['a', new Set(['1'])],
      ['b', new Set(['2'])],
      ['c', new Set(['3'])],
    ]);
    const after = new Map([
      ['a', new Set(['9'])],
      ['b', new Set(['2'])],
      ['c', new Set(['3', '4'])],
      ['d', new Set(['5'])],
    ]);
    expect(changedServices(before, after)).toEqual({ recreated: ['a'], created: ['c', 'd'] });
  });
});

describe('finding the Compose program', () => {
  it('the plugin first, then docker-compose; none is a state with how to install one', async () => {
    const tried: string[] = [];
    const onlyStandalone = async (words: readonly string[]) => {
      tried.push(words.join(' '));
      if (words[0] === 'docker-compose') return '1.29.2\n';
      throw new Error('docker: unknown command: docker compose');
    };
    expect(await findComposeProgram(onlyStandalone)).toEqual({ program: 'docker-compose', version: '1.29.2' });
    expect(tried).toEqual(['docker compose version --short', 'docker-compose version --short']);
    const nothing = await findComposeProgram(async () => Promise.reject(new Error('ENOENT')));
    expect(nothing.program).toBeNull();
    expect(nothing.missing).toMatch(/docker-compose-plugin|apt-get install docker-compose/);
  });

  it('a folder name becomes the project name Compose would give it', () => {
    expect(defaultProjectName('/home/me/My Robot.v2')).toBe('myrobotv2');
    expect(defaultProjectName('/x/_ros-stack')).toBe('ros-stack');
    expect(defaultProjectName('/x/!!!')).toBe('default');
  });
});
