let cached: boolean | undefined;

/** Names of software rasterizers: WebGL on them is slower than xterm's DOM renderer. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i.test(renderer);
}

/**
 * Whether xterm's WebGL renderer is worth it here: WebGL2 on a real GPU. Under a software
 * rasterizer (no GPU, `--disable-gpu`, many VMs) the DOM renderer is about twice as fast.
 */
export function hardwareWebgl(doc: Document = document): boolean {
  if (cached !== undefined) return cached;
  cached = false;
  try {
    const gl = doc.createElement('canvas').getContext('webgl2');
    if (!gl) return cached;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    cached = !isSoftwareRenderer(renderer);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
