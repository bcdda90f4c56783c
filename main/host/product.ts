import packageJson from '../../package.json' with { type: 'json' }

/** The product's identity, read once from package.json. */
export const PRODUCT = {
  name: packageJson.name,
  productName: packageJson.productName,
  version: packageJson.version,
} as const
