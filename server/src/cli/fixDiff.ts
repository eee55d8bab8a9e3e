import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * The changes of `--fix-dry-run` to one file as a unified diff, with the `a/` and `b/`
 * prefixes `git apply` and `patch -p1` expect (a path outside the current directory is
 * named as it is). Empty when nothing changed.
 */
export function fixDiff(display: string, before: string, after: string): string {
  if (before === after) return '';
  const path = display.split('\\').join('/');
  const relative = !path.startsWith('/') && !path.startsWith('../') && !/^[a-z]:/i.test(path);
  const [a, b] = relative ? [`a/${path}`, `b/${path}`] : [path, path];
  return createTwoFilesPatch(a, b, before, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
}
