import { describe, expect, it } from 'vitest';
import { checkDraft, emptyDraft, fieldOfEngineError } from './network-draft.js';

describe('network create draft', () => {
  it('builds the input and the command from a good draft', () => {
    const checked = checkDraft({
      ...emptyDraft,
      name: ' robot-net ',
      subnet: '10.42.0.0/24',
      gateway: '10.42.0.1',
      internal: true,
      labels: 'team=nav\n\nberth.test-fixture=true',
    });
    expect(checked.errors).toEqual({});
    expect(checked.input).toEqual({
      name: 'robot-net',
      subnet: '10.42.0.0/24',
      gateway: '10.42.0.1',
      internal: true,
      labels: { team: 'nav', 'berth.test-fixture': 'true' },
    });
    expect(checked.command).toBe(
      'docker network create --subnet 10.42.0.0/24 --gateway 10.42.0.1 --internal --label team=nav --label berth.test-fixture=true robot-net',
    );
  });

  it('says which field is wrong and sends nothing', () => {
    const checked = checkDraft({ ...emptyDraft, name: 'none', subnet: '10.42.0.0/24', gateway: '10.43.0.1', labels: 'bad key=1' });
    expect(checked.input).toBeUndefined();
    expect(checked.errors.name).toMatch(/built-in networks/);
    expect(checked.errors.gateway).toMatch(/outside 10\.42\.0\.0\/24/);
    expect(checked.errors.labels).toMatch(/Line 1/);
    expect(checkDraft(emptyDraft).errors.name).toBe('A network needs a name');
    expect(checkDraft({ ...emptyDraft, name: 'x', gateway: '10.0.0.1' }).errors.gateway).toMatch(/needs a subnet/);
  });

  it('places engine refusals beside the field they are about', () => {
    expect(fieldOfEngineError('Pool overlaps with other one on this address space')).toBe('subnet');
    expect(fieldOfEngineError('network with name robot-net already exists')).toBe('name');
    expect(fieldOfEngineError('failed to allocate gateway (10.0.0.1): Address already in use')).toBe('gateway');
    expect(fieldOfEngineError('something else entirely')).toBe('form');
  });
});
