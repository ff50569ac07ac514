/**
 * The name formats the Kubernetes API server enforces, with apimachinery's own error details
 * (`k8s.io/apimachinery/pkg/util/validation`), so a finding reads like the `kubectl apply` error.
 * Each check returns the details of every failure, in the API's order; none means valid.
 * Lengths are counted in UTF-8 bytes, as Go's `len` does.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';

const dns1123LabelPattern = new RegExp(`^${DNS1123_LABEL}$`);
const dns1123SubdomainPattern = new RegExp(`^${DNS1123_SUBDOMAIN}$`);
const dns1035LabelPattern = new RegExp(`^${DNS1035_LABEL}$`);

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const PORT_NAME_MAX_LENGTH = 15;

export function maxLengthError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** apimachinery's RegexError, double space after the first example included. */
export function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  const listed = examples.map((example, index) => `${index > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${listed}regex used for validation is '${pattern}')`;
}

export function inclusiveRangeError(low: number, high: number): string {
  return `must be between ${low} and ${high}, inclusive`;
}

/** A DNS label (RFC 1123): Pod hostnames and subdomains, Service port names. */
export function dns1123LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelPattern.test(value)) {
    errors.push(
      dns1123SubdomainPattern.test(value)
        ? 'must not contain dots'
        : regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, 'my-name', '123-abc'),
    );
  }
  return errors;
}

/** A DNS subdomain (RFC 1123): most object names, Endpoints names, ExternalName targets. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errors.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainPattern.test(value)) {
    errors.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, 'example.com'));
  }
  return errors;
}

/** A DNS label (RFC 1035), which must start with a letter: Service names. */
export function dns1035LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errors.push(maxLengthError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelPattern.test(value)) {
    errors.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, 'my-name', 'abc-123'));
  }
  return errors;
}

/** An IANA_SVC_NAME (RFC 6335, lower case only): named container ports and `targetPort` names. */
export function portNameErrors(value: string): string[] {
  const errors: string[] = [];
  if (utf8Length(value) > PORT_NAME_MAX_LENGTH) errors.push(maxLengthError(PORT_NAME_MAX_LENGTH));
  if (!/^[-a-z0-9]+$/.test(value)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) errors.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errors.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}

/** A port number, 1–65535. */
export function portNumberErrors(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** Bytes of `value` in UTF-8 (a lone surrogate counts 3, as the replacement character would). */
export function utf8Length(value: string): number {
  let length = value.length;
  // a loop over code units: iterating by code point made a string of each character
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2;
      i++;
    } else length += 2;
  }
  return length;
}
