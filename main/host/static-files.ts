import { readdir, readFile } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'

export interface StaticFile {
  body: Buffer
  contentType: string
  /** Vite names built assets by content hash, so they can be cached for good. */
  immutable: boolean
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Reads the built renderer into memory, keyed by URL path. Serving is then an exact lookup:
 * no path on disk is ever derived from a request, so no request can climb out of the folder.
 * Folders are walked one level at a time (not `readdir`'s `recursive`), which Electron's asar
 * reader also supports: the packaged app reads this folder from inside `app.asar`.
 */
export async function loadStaticFiles(dir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>()
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        await walk(path)
        continue
      }
      if (!entry.isFile()) continue
      const urlPath = `/${relative(dir, path).split(sep).join('/')}`
      files.set(urlPath, {
        body: await readFile(path),
        contentType: CONTENT_TYPES[extname(entry.name)] ?? 'application/octet-stream',
        immutable: urlPath.startsWith('/assets/'),
      })
    }
  }
  await walk(dir)
  return files
}

/** The file a URL path names (`/` names `/index.html`), or undefined. */
export function findStaticFile(
  files: ReadonlyMap<string, StaticFile>,
  pathname: string,
): StaticFile | undefined {
  return files.get(pathname === '/' ? '/index.html' : pathname)
}
