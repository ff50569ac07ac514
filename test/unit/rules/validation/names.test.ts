import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldPath, goQuote, goValue, supportedValues } from '../../../../server/src/core/rules/validation/fieldErrors';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, portNameErrors, portNumberErrors, regexError } from '../../../../server/src/core/rules/validation/names';

const LABEL_FORMAT =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_FORMAT =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_FORMAT =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('API name formats', () => {
  it('formats regex errors as apimachinery does, double space after the first example included', () => {
    assert.equal(regexError('bad', 'x+'), "bad (regex used for validation is 'x+')");
    assert.equal(regexError('bad', 'x+', 'x', 'xx'), "bad (e.g. 'x',  or 'xx', regex used for validation is 'x+')");
  });

  it('checks DNS-1123 labels: lower case, hyphens inside, no dots, at most 63 bytes', () => {
    for (const valid of ['a', 'pod-a', '1st-node', '123', 'a'.repeat(63)]) assert.deepEqual(dns1123LabelErrors(valid), [], valid);
    assert.deepEqual(dns1123LabelErrors('Pod_A'), [LABEL_FORMAT]);
    assert.deepEqual(dns1123LabelErrors('-a'), [LABEL_FORMAT]);
    assert.deepEqual(dns1123LabelErrors(''), [LABEL_FORMAT]);
    assert.deepEqual(dns1123LabelErrors('headless.default'), ['must not contain dots']);
    assert.deepEqual(dns1123LabelErrors('a'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(dns1123LabelErrors(`${'a'.repeat(63)}-`), ['must be no more than 63 characters', LABEL_FORMAT]);
    // Go counts bytes: 32 two-byte characters are 64 bytes.
    assert.deepEqual(dns1123LabelErrors('é'.repeat(32)), ['must be no more than 63 characters', LABEL_FORMAT]);
  });

  it('checks DNS-1123 subdomains: dots between labels, at most 253 bytes', () => {
    for (const valid of ['example.com', '1-db.example', 'a.b.c', '10.0.0.1']) assert.deepEqual(dns1123SubdomainErrors(valid), [], valid);
    assert.deepEqual(dns1123SubdomainErrors('db_main'), [SUBDOMAIN_FORMAT]);
    assert.deepEqual(dns1123SubdomainErrors('a..b'), [SUBDOMAIN_FORMAT]);
    assert.deepEqual(dns1123SubdomainErrors('example.com.'), [SUBDOMAIN_FORMAT]);
    assert.deepEqual(dns1123SubdomainErrors('2001:db8::1'), [SUBDOMAIN_FORMAT]);
    assert.deepEqual(dns1123SubdomainErrors(`${'a'.repeat(250)}.com`), ['must be no more than 253 characters']);
  });

  it('checks DNS-1035 labels: Service names start with a letter', () => {
    for (const valid of ['my-service', 'a', 'abc-123']) assert.deepEqual(dns1035LabelErrors(valid), [], valid);
    assert.deepEqual(dns1035LabelErrors('1st-service'), [DNS1035_FORMAT]);
    assert.deepEqual(dns1035LabelErrors('myService'), [DNS1035_FORMAT]);
    assert.deepEqual(dns1035LabelErrors('web.v1'), [DNS1035_FORMAT]);
    assert.deepEqual(dns1035LabelErrors('a'.repeat(64)), ['must be no more than 63 characters']);
  });

  it('checks IANA service names (named ports): 15 characters, a letter, single inner hyphens, lower case', () => {
    for (const valid of ['http', 'http-alt', 'h2c', 'a1b2c3d4e5f6g7h']) assert.deepEqual(portNameErrors(valid), [], valid);
    assert.deepEqual(portNameErrors('web-frontend-http'), ['must be no more than 15 characters']);
    assert.deepEqual(portNameErrors('8080'), ['must contain at least one letter (a-z)']);
    assert.deepEqual(portNameErrors('HTTP'), ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']);
    assert.deepEqual(portNameErrors('http--alt'), ['must not contain consecutive hyphens']);
    assert.deepEqual(portNameErrors('-http-'), ['must not begin or end with a hyphen']);
  });

  it('checks port numbers 1–65535', () => {
    assert.deepEqual(portNumberErrors(1), []);
    assert.deepEqual(portNumberErrors(65535), []);
    for (const invalid of [0, -1, 65536]) assert.deepEqual(portNumberErrors(invalid), ['must be between 1 and 65535, inclusive']);
  });
});

describe('API field errors', () => {
  it('prints field paths and values as apimachinery does', () => {
    assert.equal(fieldPath(['spec', 'ports', 1, 'name']), 'spec.ports[1].name');
    assert.equal(fieldPath(['spec', 'template', 'spec', 'dnsConfig']), 'spec.template.spec.dnsConfig');
    assert.equal(goValue(80), '80');
    assert.equal(goValue('myService'), '"myService"');
    assert.equal(goValue({ tier: 'web', app: 'x' }), '{"app":"x","tier":"web"}');
    assert.equal(goValue(['1.1.1.1', '8.8.8.8']), '["1.1.1.1","8.8.8.8"]');
    assert.equal(goQuote('a"b\\c\n\x01'), '"a\\"b\\\\c\\n\\x01"');
    assert.equal(supportedValues(['SCTP', 'TCP', 'UDP']), 'supported values: "SCTP", "TCP", "UDP"');
  });
});
