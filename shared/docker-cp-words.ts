/**
 * A file name in the current folder as a `docker cp` source word. The CLI reads `-` as a tar on
 * stdin, a leading `-` as an option and `name:path` as a path in container `name`, so such names
 * get `./` in front, which names the same file.
 */
export function dockerCpSourceWord(name: string): string {
  return name.startsWith('-') || name.includes(':') ? `./${name}` : name;
}
