// Electron fuses for packaged builds: switches compiled into the Electron binary that no command
// line, environment variable or app code can turn back. Not imported by main.ts; the packaging
// step (an electron-builder afterPack hook) calls flipBerthFuses on the packaged binary.
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/**
 * Every fuse @electron/fuses knows, each decided (the test fails when an upgrade adds one):
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 Berth` would otherwise be a plain Node with Berth's
 *   signature and entitlements.
 * - EnableNodeOptionsEnvironmentVariable and EnableNodeCliInspectArguments off: no `NODE_OPTIONS
 *   --require`, no `--inspect` debugger to inject code into main, which holds the engine socket.
 * - EnableCookieEncryption on: the cookie store is sealed with the OS keyring like safeStorage.
 * - EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar on: main loads only app.asar,
 *   checked against the hash embedded at packaging (macOS and Windows; Electron has no asar
 *   integrity check on Linux). They would break `electron .` on an unpacked folder, hence only
 *   on packaged builds.
 * - GrantFileProtocolExtraPrivileges off: the page is served from app://, so file:// needs none
 *   of the privileges Electron grants it by default.
 * - LoadBrowserProcessSpecificV8Snapshot off: Berth ships no custom V8 snapshot.
 */
export const berthFuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies Record<FuseV1Options, boolean>;

export const berthFuseConfig: FuseV1Config = { version: FuseVersion.V1, ...berthFuses };

/**
 * Flips Berth's fuses in a packaged Electron binary (the executable, or the .app on macOS).
 * On macOS arm64 the ad-hoc signature must be renewed after the bytes change, unless the app is
 * signed properly afterwards. Resolves to how many fuse wires were set (two in a universal binary).
 */
export function flipBerthFuses(electronBinary: string, options: { resetAdHocDarwinSignature?: boolean } = {}): Promise<number> {
  return flipFuses(electronBinary, { ...berthFuseConfig, resetAdHocDarwinSignature: options.resetAdHocDarwinSignature ?? false });
}
