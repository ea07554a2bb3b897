'use strict'
// Packs the npm packages the napi-rs way into the directory given as the first argument:
// - `edgecore`: the JavaScript entries and declarations (no binary), with an optional
//   dependency on one package per platform of `napi.targets` (npm installs only the one whose
//   `os`, `cpu` and `libc` match the machine);
// - `edgecore-<platform>`: the `.node` file of that platform, for every platform whose binary is
//   present next to the loader (`napi build --platform` puts it there; the release workflow puts
//   every platform's there).
// Each package is staged in target/npm/<name>/ and packed there with `npm pack`.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const repo = path.join(root, '..')
const out = path.resolve(process.argv[2] || path.join(repo, 'dist'))
const stageRoot = path.join(repo, 'target', 'npm')
const licences = ['LICENSE-MIT', 'LICENSE-APACHE'].map((f) => path.join(repo, f))

const main = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const platforms = fs.readdirSync(path.join(root, 'npm')).sort()

/** Copies `files` (absolute paths) and writes `manifest` into a fresh stage, then packs it. */
function pack(name, manifest, files) {
  const stage = path.join(stageRoot, name)
  fs.rmSync(stage, { recursive: true, force: true })
  fs.mkdirSync(stage, { recursive: true })
  for (const file of [...files, ...licences]) {
    fs.copyFileSync(file, path.join(stage, path.basename(file)))
  }
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const report = execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
    cwd: stage,
    encoding: 'utf8',
  })
  const [{ filename }] = JSON.parse(report)
  console.log(path.join(out, filename))
}

fs.mkdirSync(out, { recursive: true })

const optionalDependencies = {}
for (const platform of platforms) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'npm', platform, 'package.json'), 'utf8'))
  optionalDependencies[manifest.name] = main.version
}
// `files` lists `*.node` so that a copy of this directory (a path dependency installed with
// install-links, as the dashboard does) carries the locally built addon; the published package
// carries no binary.
const { scripts, devDependencies, ...published } = main
const files = main.files.filter((f) => !f.endsWith('.node'))
const entries = files.filter((f) => !f.startsWith('LICENSE'))
pack(main.name, { ...published, files, optionalDependencies }, entries.map((f) => path.join(root, f)))

let binaries = 0
for (const platform of platforms) {
  const dir = path.join(root, 'npm', platform)
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const binary = path.join(root, manifest.main)
  if (!fs.existsSync(binary)) continue
  if (manifest.version !== main.version) {
    throw new Error(`${manifest.name} is at ${manifest.version}, edgecore at ${main.version}`)
  }
  const files = [...manifest.files, 'LICENSE-MIT', 'LICENSE-APACHE']
  pack(manifest.name, { ...manifest, files }, [binary, path.join(dir, 'README.md')])
  binaries += 1
}
if (binaries === 0) {
  throw new Error('no platform binary next to the loader: run `napi build --platform` first')
}
