/** Environment variable that holds a secret variable's value on the command line: `CONNECTOR_SECRET_` and the key upper-cased, other characters as `_`. */
export function secretEnvironmentName(key: string): string {
  return `CONNECTOR_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
