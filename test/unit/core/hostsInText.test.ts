import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostsInText } from '../../../server/src/core/references/hostsInText';

const hosts = (value: string) => hostsInText(value).map((host) => `${host.host}${host.port === undefined ? '' : `:${host.port}`}${host.scheme ? ` (${host.scheme})` : ''} <${host.written}>`);

describe('hosts written in configuration values', () => {
  it('reads URLs: scheme, credentials, port, path; JDBC too', () => {
    assert.deepEqual(hosts('http://cart:8080/api'), ['cart:8080 (http) <cart:8080>']);
    assert.deepEqual(hosts('mongodb://user:pw@mongo.db.svc:27017/app?x=1'), ['mongo.db.svc:27017 (mongodb) <mongo.db.svc:27017>']);
    assert.deepEqual(hosts('jdbc:postgresql://db:5432/app'), ['db:5432 (postgresql) <db:5432>']);
    assert.deepEqual(hosts('https://api.example.com'), ['api.example.com (https) <api.example.com>']);
  });

  it('reads host:port, a flag value, lists and .svc names', () => {
    assert.deepEqual(hosts('redis-cart:6379'), ['redis-cart:6379 <redis-cart:6379>']);
    assert.deepEqual(hosts('--redis=redis-cart:6379'), ['redis-cart:6379 <redis-cart:6379>']);
    assert.deepEqual(hosts('kafka-0.kafka:9092,kafka-1.kafka:9092'), ['kafka-0.kafka:9092 <kafka-0.kafka:9092>', 'kafka-1.kafka:9092 <kafka-1.kafka:9092>']);
    assert.deepEqual(hosts('prometheus-k8s.monitoring.svc'), ['prometheus-k8s.monitoring.svc <prometheus-k8s.monitoring.svc>']);
  });

  it('takes no word, time, IP address, image tag or out-of-range port for a host', () => {
    assert.deepEqual(hosts('production'), []);
    assert.deepEqual(hosts('12:30'), []);
    assert.deepEqual(hosts('10.0.0.1:8080'), []);
    assert.deepEqual(hosts('cart:99999'), []);
    assert.deepEqual(hosts('hello world'), []);
    assert.deepEqual(hosts('postgres:15'), []);
  });
});
