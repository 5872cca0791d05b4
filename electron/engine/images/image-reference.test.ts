import { describe, expect, it } from 'vitest';
import { imageIdOrReferenceSchema, imageReferenceSchema, parseImageReference, taggedReferenceSchema } from '../../../shared/image-types.js';
import { buildInputSchema, formatDockerBuild } from '../../../shared/image-contract.js';
import { cliEquivalent } from '../../../shared/contract.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it.each([
    ['ubuntu', { registry: null, path: 'ubuntu', tag: null, digest: null }],
    ['ubuntu:22.04', { registry: null, path: 'ubuntu', tag: '22.04', digest: null }],
    ['osrf/ros:humble-desktop', { registry: null, path: 'osrf/ros', tag: 'humble-desktop', digest: null }],
    ['127.0.0.1:5000/berth-test/busybox:x1', { registry: '127.0.0.1:5000', path: 'berth-test/busybox', tag: 'x1', digest: null }],
    ['localhost/robot', { registry: 'localhost', path: 'robot', tag: null, digest: null }],
    ['ghcr.io/org/a__b.c-d', { registry: 'ghcr.io', path: 'org/a__b.c-d', tag: null, digest: null }],
    [`busybox@${digest}`, { registry: null, path: 'busybox', tag: null, digest }],
    [`reg.example:443/x:1@${digest}`, { registry: 'reg.example:443', path: 'x', tag: '1', digest }],
  ])('parses %s', (ref, parts) => {
    expect(parseImageReference(ref)).toEqual({ ok: true, parts });
  });

  it.each([
    ['', /required/],
    ['Ubuntu', /lowercase/],
    ['ubuntu:', /not a valid tag/],
    ['ubuntu:-x', /not a valid tag/],
    [`ubuntu:${'t'.repeat(129)}`, /at most 128/],
    ['ubuntu@sha256:123', /not a digest/],
    ['a//b', /empty part/],
    ['a/b/', /empty part/],
    ['bad host!/x', /spaces/],
    ['my_-repo', /not a valid repository name part/],
    ['-x/y', /not a valid repository name part/],
  ])('rejects %j with a message that says why', (ref, why) => {
    const parsed = parseImageReference(ref);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(why);
  });

  it('validates through the schema with the reference in the message', () => {
    const bad = imageReferenceSchema.safeParse('robot/Base');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Invalid image reference "robot/Base": Repository names must be lowercase: "Base"');
    expect(imageReferenceSchema.safeParse('robot/base:1').success).toBe(true);
  });

  it('wants a tag, not a digest, where something is tagged or pushed', () => {
    expect(taggedReferenceSchema.safeParse(`busybox@${digest}`).success).toBe(false);
    expect(taggedReferenceSchema.safeParse('busybox:1').success).toBe(true);
  });

  it('accepts image IDs where an image is named', () => {
    expect(imageIdOrReferenceSchema.safeParse(`sha256:${'0'.repeat(64)}`).success).toBe(true);
    expect(imageIdOrReferenceSchema.safeParse('ea7643678629').success).toBe(true);
    expect(imageIdOrReferenceSchema.safeParse('NOPE!').success).toBe(false);
  });
});

describe('image contract entries', () => {
  it('says the docker command of each, never with a password', () => {
    expect(cliEquivalent('images.login', { serverAddress: '127.0.0.1:5001', username: 'berth', password: 'berth-secret' })).toBe(
      'docker login --username berth --password-stdin 127.0.0.1:5001',
    );
    expect(cliEquivalent('images.tag', { image: 'busybox', target: 'robot/base:1' })).toBe('docker tag busybox robot/base:1');
    expect(cliEquivalent('images.remove', { image: 'robot/base:1', force: true })).toBe('docker rmi --force robot/base:1');
    expect(cliEquivalent('images.prune', {})).toBe('docker image prune --force');
    expect(cliEquivalent('images.history', { image: 'busybox' })).toBe('docker history --no-trunc busybox');
  });

  it('formats docker build with quoting where a shell needs it', () => {
    const input = buildInputSchema.parse({
      contextPath: '/home/me/my robot',
      dockerfile: 'docker/Dockerfile.dev',
      tags: ['robot/base:dev'],
      buildArgs: { ROS_DISTRO: 'humble', MSG: "it's" },
      target: 'runtime',
      noCache: true,
    });
    expect(formatDockerBuild(input)).toBe(
      `docker build -t robot/base:dev -f docker/Dockerfile.dev --build-arg ROS_DISTRO=humble --build-arg 'MSG=it'\\''s' --target runtime --no-cache --force-rm '/home/me/my robot'`,
    );
    expect(formatDockerBuild(buildInputSchema.parse({ contextPath: '/ctx', dockerfileText: 'FROM scratch' }))).toBe(
      'docker build -f - --force-rm /ctx',
    );
    // No folder: the Dockerfile on stdin is the whole context.
    expect(formatDockerBuild(buildInputSchema.parse({ dockerfileText: 'FROM scratch', tags: ['a:1'] }))).toBe(
      'docker build -t a:1 --force-rm -',
    );
    expect(buildInputSchema.safeParse({ tags: ['a:1'] }).error?.issues[0]?.message).toMatch(/context folder, or the Dockerfile text/);
  });

  it('refuses a relative context, and a Dockerfile path together with Dockerfile text', () => {
    expect(buildInputSchema.safeParse({ contextPath: 'ctx' }).success).toBe(false);
    const both = buildInputSchema.safeParse({ contextPath: '/ctx', dockerfile: 'Dockerfile', dockerfileText: 'FROM scratch' });
    expect(both.error?.issues[0]?.message).toMatch(/not both/);
    expect(buildInputSchema.safeParse({ contextPath: '/ctx', extra: 1 }).success).toBe(false);
  });
});
