// electron-builder's afterPack hook: flips Berth's fuses in the packaged Electron binary before it
// is signed and wrapped into an AppImage, .deb, .dmg or NSIS installer.
import path from 'node:path';
import { Arch, type AfterPackContext } from 'electron-builder';
import { flipBerthFuses } from '../main/fuses-config.js';

/** The parts of electron-builder's pack context this hook reads (a plain object in tests). */
export interface PackedApp {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly arch: Arch;
  readonly productFilename: string;
  /** Linux only: the executable's file name (electron-builder derives it from the package name). */
  readonly executableName?: string;
}

/** Where the Electron binary of a packed app is: the .app bundle on macOS, the .exe on Windows. */
export function packagedElectronBinary(app: PackedApp): string {
  switch (app.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(app.appOutDir, `${app.productFilename}.app`);
    case 'win32':
      return path.join(app.appOutDir, `${app.productFilename}.exe`);
    case 'linux':
      return path.join(app.appOutDir, app.executableName ?? app.productFilename);
    default:
      throw new Error(`Berth does not package for platform ${JSON.stringify(app.electronPlatformName)}`);
  }
}

/** Apple silicon refuses to run a binary whose bytes changed under its ad-hoc signature. */
export function needsAdHocResign(app: PackedApp): boolean {
  return (
    (app.electronPlatformName === 'darwin' || app.electronPlatformName === 'mas') &&
    (app.arch === Arch.arm64 || app.arch === Arch.universal)
  );
}

export function packedAppOf(context: AfterPackContext): PackedApp {
  const executableName: unknown = (context.packager as { executableName?: unknown }).executableName;
  return {
    appOutDir: context.appOutDir,
    electronPlatformName: context.electronPlatformName,
    arch: context.arch,
    productFilename: context.packager.appInfo.productFilename,
    ...(typeof executableName === 'string' ? { executableName } : {}),
  };
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const app = packedAppOf(context);
  const flipped = await flipBerthFuses(packagedElectronBinary(app), { resetAdHocDarwinSignature: needsAdHocResign(app) });
  if (flipped < 1) throw new Error(`No Electron fuse wire found in ${packagedElectronBinary(app)}`);
}
