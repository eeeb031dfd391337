/**
 * deploy/ (issue 20) read as what it drives: the Kubernetes manifests parsed (probes on the gateway's own routes, one
 * port name throughout, the autoscaler on the Deployment with the replica count the rate shares assume, the Secret's
 * keys real settings), the nginx template's placeholders and upload limit, and the systemd unit running what
 * `npm start` runs. `nginx -t` on the template is test/cluster/nginx.cluster.test.ts's (it needs nginx).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/index.js';
import { DEFAULT_CLIENT_MAX_BODY_SIZE, renderNginxConf } from '../helpers/nginx.js';

const K8S = new URL('../../deploy/k8s/', import.meta.url);
const read = (url: URL) => readFileSync(url, 'utf8');

/** Every document of one manifest file. */
function manifests(file: string): any[] {
  return parseAllDocuments(read(new URL(file, K8S))).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS();
  });
}
const one = (file: string, kind: string) => {
  const found = manifests(file).filter((m) => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

const deployment = one('deployment.yaml', 'Deployment');
const pod = deployment.spec.template;
const container = pod.spec.containers[0];
const env = Object.fromEntries(container.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
const http = read(new URL('../../src/server/http.ts', import.meta.url));
const config = read(new URL('../../src/config/index.ts', import.meta.url));

describe('deploy/k8s', () => {
  it('probes the routes the gateway serves, on the port it listens on', () => {
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(http).toContain(`path === '${probe.httpGet.path}'`);
      expect(probe.httpGet.port).toBe(container.ports[0].name);
    }
    expect(String(container.ports[0].containerPort)).toBe(env.PORT);
    expect(env.HOST).toBe('0.0.0.0');
  });

  it('runs unprivileged with limits, and takes REDIS_URL from the Secret', () => {
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.resources.requests.cpu).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    const redisUrl = container.env.find((e: { name: string }) => e.name === 'REDIS_URL');
    expect(redisUrl.valueFrom.secretKeyRef).toEqual({ name: 'connector-gateway', key: 'REDIS_URL' });
    // The grace period outlasts the drain (the image's GATEWAY_SHUTDOWN_GRACE_MS=8000).
    expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(8000);
  });

  it('routes the Service, the budget and the autoscaler to the Deployment’s pods', () => {
    const labels = pod.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    const service = one('service.yaml', 'Service');
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.ports[0].targetPort).toBe(container.ports[0].name);
    expect(one('pdb.yaml', 'PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
    const hpa = one('hpa.yaml', 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: deployment.apiVersion, kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.maxReplicas).toBe(6);
    // While Redis is away each replica keeps to rate / GATEWAY_REPLICAS: the most there can be.
    expect(env.GATEWAY_REPLICAS).toBe(String(hpa.spec.maxReplicas));
  });

  it('runs Redis as a StatefulSet behind a headless Service the Secret’s REDIS_URL names', () => {
    const set = one('redis.yaml', 'StatefulSet');
    const service = one('redis.yaml', 'Service');
    expect(service.spec.clusterIP).toBe('None');
    expect(set.spec.serviceName).toBe(service.metadata.name);
    expect(service.spec.selector).toEqual(set.spec.template.metadata.labels);
    const secret = one('secret.example.yaml', 'Secret');
    expect(secret.metadata.name).toBe('connector-gateway');
    const url = new URL(secret.stringData.REDIS_URL);
    expect(url.hostname).toBe(`${set.metadata.name}-0.${service.metadata.name}`);
    expect(url.port).toBe(String(service.spec.ports[0].port));
  });

  it('has only real settings in the example Secret, and leaves it out of the kustomization', () => {
    const values: Record<string, string> = one('secret.example.yaml', 'Secret').stringData;
    for (const key of Object.keys(values)) {
      // A setting of the schema, or a source's connection (`<SOURCE>_URL`, `_CLIENT_ID`, `_CLIENT_SECRET`).
      if (!/^(SAILPOINT|LOGTO|CONDUCTORONE)_(URL|CLIENT_ID|CLIENT_SECRET)$/.test(key)) expect(config, key).toMatch(new RegExp(`\\b${key}: `));
    }
    // With the Deployment's environment, a production configuration that loads (the image sets NODE_ENV).
    const loaded = loadConfig({ NODE_ENV: 'production', ...env, ...values });
    expect(loaded.redis?.url).toBe(values.REDIS_URL);
    expect(loaded.port).toBe(4000);
    const listed: string[] = one('kustomization.yaml', 'Kustomization').resources;
    const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...listed].sort()).toEqual(files.filter((f) => f !== 'secret.example.yaml').sort());
  });
});

describe('deploy/nginx', () => {
  it('fills in every placeholder, with the gateway’s own upload limit', () => {
    const conf = renderNginxConf({ listen: '127.0.0.1:8080', servers: ['127.0.0.1:4001', '127.0.0.1:4002'] });
    expect(conf).not.toMatch(/\{\{/);
    expect(conf).toMatch(/listen 127\.0\.0\.1:8080;/);
    expect(conf.match(/server 127\.0\.0\.1:400\d max_fails=\d+ fail_timeout=\d+s;/g)).toHaveLength(2);
    const { bodyLimitBytes, uploads } = loadConfig({ NODE_ENV: 'test' });
    expect(DEFAULT_CLIENT_MAX_BODY_SIZE).toBe(uploads.maxFileSize * uploads.maxFiles + 2 * bodyLimitBytes);
    expect(conf).toContain(`client_max_body_size ${DEFAULT_CLIENT_MAX_BODY_SIZE};`);
    expect(conf).toMatch(/proxy_request_buffering off;/);
    expect(conf).toMatch(/proxy_http_version 1\.1;/);
    expect(conf).toMatch(/proxy_set_header Connection "";/);
    expect(conf).toMatch(/keepalive \d+;/);
  });
});

describe('deploy/systemd', () => {
  it('runs what `npm start` runs, one instance per port', () => {
    const unit = read(new URL('../../deploy/systemd/connector-gateway@.service', import.meta.url));
    const pkg = JSON.parse(read(new URL('../../package.json', import.meta.url))) as { scripts: Record<string, string> };
    const execStart = /^ExecStart=(.+)$/m.exec(unit)![1]!.split(' ');
    const start = pkg.scripts.start!.split(' ');
    expect(execStart[0]).toMatch(/\/node$/);
    expect(start[0]).toBe('node');
    // The same script; the same heap flags with start's defaults.
    expect(execStart.at(-1)).toBe(start.at(-1));
    const flags = start.slice(1, -1).map((f) => f.replace(/\$\{[A-Z_]+:-(\d+)\}/, '$1'));
    expect(execStart.slice(1, -1)).toEqual(flags);
    expect(unit).toMatch(/^Environment=.*\bPORT=%i\b/m);
    expect(unit).toMatch(/^EnvironmentFile=/m);
    expect(unit).toMatch(/^NoNewPrivileges=yes$/m);
  });
});
