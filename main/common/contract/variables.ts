import { arrayOf, nullable, object, string, type Check } from './checks.ts'
import { mergeSecretRows, splitSecretRows, type Secrets } from './draft-secrets.ts'
import { ApiError } from './errors.ts'
import { keyValueRow, type KeyValueRow } from './session.ts'

/** A named set of variables to switch between: local, staging, production. */
export interface Environment {
  id: string
  name: string
  variables: KeyValueRow[]
}

/**
 * The variables outside sessions: the global ones, the environments, and which environment is in
 * use. A `{{name}}` takes the active environment's value, else the session's, else the global one.
 */
export interface VariableSets {
  globals: KeyValueRow[]
  environments: Environment[]
  /** null: no environment. */
  activeEnvironmentId: string | null
}

export const EMPTY_VARIABLE_SETS: VariableSets = {
  globals: [],
  environments: [],
  activeEnvironmentId: null,
}

const environment: Check<Environment> = object<Environment>({
  id: string,
  name: string,
  variables: arrayOf(keyValueRow, 1000),
})

const variableSetsShape: Check<VariableSets> = object<VariableSets>({
  globals: arrayOf(keyValueRow, 1000),
  environments: arrayOf(environment, 200),
  activeEnvironmentId: nullable(string),
})

/** Variable sets, checked field by field; environment ids must be unique. */
export const variableSets: Check<VariableSets> = (value, path) => {
  const sets = variableSetsShape(value, path)
  const ids = new Set(sets.environments.map((env) => env.id))
  if (ids.size !== sets.environments.length)
    throw new ApiError('INVALID_ARGUMENT', `${path}.environments: two environments share an id`)
  if (sets.activeEnvironmentId !== null && !ids.has(sets.activeEnvironmentId))
    throw new ApiError(
      'INVALID_ARGUMENT',
      `${path}.activeEnvironmentId: no environment has the id "${sets.activeEnvironmentId}"`,
    )
  return sets
}

/** The sets with secret values blanked, and the values (`globals.2`, `env.<id>.0`). */
export function splitVariableSecrets(sets: VariableSets): { sets: VariableSets; secrets: Secrets } {
  const secrets: Secrets = {}
  return {
    sets: {
      ...sets,
      globals: splitSecretRows(sets.globals, 'globals', secrets),
      environments: sets.environments.map((env) => ({
        ...env,
        variables: splitSecretRows(env.variables, `env.${env.id}`, secrets),
      })),
    },
    secrets,
  }
}

/** Puts back the values `splitVariableSecrets` took out. */
export function mergeVariableSecrets(sets: VariableSets, secrets: Secrets): VariableSets {
  return {
    ...sets,
    globals: mergeSecretRows(sets.globals, 'globals', secrets),
    environments: sets.environments.map((env) => ({
      ...env,
      variables: mergeSecretRows(env.variables, `env.${env.id}`, secrets),
    })),
  }
}
