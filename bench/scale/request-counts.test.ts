import { describe, expect, it } from 'vitest';
import { describeCounts, RequestCounts, requestKey, totalRequests } from './request-counts.js';

describe('requestKey', () => {
  it('drops the API version and the query', () => {
    expect(requestKey('get', '/v1.41/containers/json?all=1&size=0')).toBe('GET /containers/json');
    expect(requestKey('GET', '/_ping')).toBe('GET /_ping');
    expect(requestKey('GET', '/v1.41/events?since=3')).toBe('GET /events');
  });

  it('folds object ids and names, keeping the verb', () => {
    expect(requestKey('POST', '/v1.41/containers/3f2a9c/start')).toBe('POST /containers/{id}/start');
    expect(requestKey('DELETE', '/v1.41/containers/3f2a9c?force=1')).toBe('DELETE /containers/{id}');
    expect(requestKey('GET', '/v1.41/networks/bridge')).toBe('GET /networks/{id}');
    expect(requestKey('GET', '/images/registry.local:5000/team/app:1/json')).toBe('GET /images/{id}/json');
  });

  it('keeps endpoints of a collection itself', () => {
    expect(requestKey('POST', '/v1.41/containers/create?name=x')).toBe('POST /containers/create');
    expect(requestKey('POST', '/v1.41/images/create?fromImage=busybox')).toBe('POST /images/create');
    expect(requestKey('GET', '/v1.41/images/json')).toBe('GET /images/json');
    expect(requestKey('GET', '/v1.41/volumes')).toBe('GET /volumes');
  });
});

describe('RequestCounts', () => {
  it('counts what a phase caused since a snapshot', () => {
    const counts = new RequestCounts();
    counts.record('GET', '/v1.41/containers/json?all=1');
    counts.record('GET', '/v1.41/events');
    const before = counts.snapshot();
    counts.record('GET', '/v1.41/containers/json?all=1');
    counts.record('GET', '/v1.41/containers/json?all=1&filters=x');
    counts.record('GET', '/v1.41/volumes');
    const delta = counts.since(before);
    expect([...delta]).toEqual([
      ['GET /containers/json', 2],
      ['GET /volumes', 1],
    ]);
    expect(before.get('GET /containers/json')).toBe(1);
  });

  it('totals a delta without the long-lived streams, and describes it busiest first', () => {
    const delta = new Map([
      ['GET /volumes', 1],
      ['GET /events', 1],
      ['GET /containers/json', 3],
      ['GET /networks', 1],
    ]);
    expect(totalRequests(delta)).toBe(6);
    expect(totalRequests(delta, ['GET /events'])).toBe(5);
    expect(describeCounts(delta)).toBe('GET /containers/json ×3, GET /events ×1, GET /networks ×1, GET /volumes ×1');
    expect(describeCounts(new Map())).toBe('none');
  });
});
