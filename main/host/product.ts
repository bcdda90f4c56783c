import packageJson from '../../package.json' with { type: 'json' }

/** The product's identity, read once from package.json. */
export const PRODUCT = {
  name: packageJson.name,
  productName: packageJson.productName,
  version: packageJson.version,
} as const

/** The project's pages, for the Help menu and the About panel. */
export const PROJECT_LINKS = {
  home: packageJson.homepage,
  issues: `${packageJson.homepage}/issues`,
  releases: `${packageJson.homepage}/releases`,
} as const
