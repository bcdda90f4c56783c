import { describe, expect, it } from 'vitest'
import { runCli } from '../../../../main/host/cli/run-cli.ts'
import { PRODUCT } from '../../../../main/host/product.ts'

async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('runCli', () => {
  it('prints the commands for --help and exits 0', async () => {
    const { code, stdout } = await run('--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: realtime-playground [command] [options]')
    expect(stdout).toMatch(/^\s+app\s+Run the app in your browser/m)
    expect(stdout).toMatch(/^\s+serve\s+Run the demo server alone/m)
  })

  it('prints the version for --version', async () => {
    expect(await run('--version')).toMatchObject({ code: 0, stdout: PRODUCT.version })
  })

  it('prints a command’s own help for <command> --help', async () => {
    const { code, stdout } = await run('app', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: realtime-playground app [options]')
    expect(stdout).toContain('--no-open')
  })

  it('documents the demo server’s default port in serve --help', async () => {
    const { code, stdout } = await run('serve', '--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/--port <n> +Port to listen on \(default 8080; 0 for a free one\)/)
  })

  it('refuses an unknown command with exit code 2', async () => {
    const { code, stderr } = await run('launch-rockets')
    expect(code).toBe(2)
    expect(stderr).toContain('unknown command "launch-rockets"')
  })

  it('refuses an unknown flag with exit code 2 and points to --help', async () => {
    const { code, stderr } = await run('app', '--bogus')
    expect(code).toBe(2)
    expect(stderr).toContain("Unknown option '--bogus'")
    expect(stderr).toContain('Run "realtime-playground app --help" for usage.')
  })

  it('refuses a port that is not a number from 0 to 65535', async () => {
    for (const port of ['abc', '-1', '70000', '1.5']) {
      const { code, stderr } = await run('app', `--port=${port}`)
      expect(code).toBe(2)
      expect(stderr).toContain('--port must be a whole number from 0 to 65535')
    }
  })

  it('refuses arguments a command does not take', async () => {
    const { code, stderr } = await run('app', 'extra')
    expect(code).toBe(2)
    expect(stderr).toContain("Unexpected argument 'extra'")
  })
})
