import { buildContainerDefinitions, tlsHealthCheck } from '../src/container-definition';

const base = {
  containerName: 'app',
  image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:' + 'a'.repeat(64),
  cpu: 512,
  memory: 1024,
  user: '1000:1000',
  portName: 'https',
  logGroupName: '/phi-platform/ecs/api',
  streamPrefix: 'app',
  secrets: {
    DB_PASSWORD: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    API_KEY: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-123456:key::',
  },
  environment: { LOG_LEVEL: 'info' },
  writablePaths: ['/tmp'],
};

describe('buildContainerDefinitions', () => {
  it.each(['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1'])(
    'in %s logs to its own group in that region and exposes 443 only',
    (region) => {
      const [container, ...others] = buildContainerDefinitions({ ...base, region });
      expect(others).toEqual([]);
      expect(container?.logConfiguration).toEqual({
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/phi-platform/ecs/api',
          'awslogs-region': region,
          'awslogs-stream-prefix': 'app',
        },
      });
      expect(container?.portMappings).toEqual([
        { name: 'https', containerPort: 443, hostPort: 443, protocol: 'tcp' },
      ]);
    },
  );

  it('hardens the container', () => {
    const [c] = buildContainerDefinitions({ ...base, region: 'us-east-1' });
    expect(c).toMatchObject({
      essential: true,
      user: '1000:1000',
      privileged: false,
      readonlyRootFilesystem: true,
      memory: 1024,
      cpu: 512,
      linuxParameters: { initProcessEnabled: true, capabilities: { add: [], drop: ['ALL'] } },
      systemControls: [{ namespace: 'net.ipv4.ip_unprivileged_port_start', value: '443' }],
      mountPoints: [{ sourceVolume: 'writable-0', containerPath: '/tmp', readOnly: false }],
    });
  });

  it('passes secrets through secrets, sorted, and never through environment', () => {
    const [c] = buildContainerDefinitions({ ...base, region: 'us-east-1' });
    expect(c?.secrets).toEqual([
      { name: 'API_KEY', valueFrom: base.secrets.API_KEY },
      { name: 'DB_PASSWORD', valueFrom: base.secrets.DB_PASSWORD },
    ]);
    expect(c?.environment).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    const text = JSON.stringify(c?.environment);
    for (const arn of Object.values(base.secrets)) expect(text).not.toContain(arn);
  });

  it('sets appProtocol only when asked', () => {
    const [c] = buildContainerDefinitions({ ...base, region: 'us-east-1', appProtocol: 'http2' });
    expect(c?.portMappings[0]?.appProtocol).toBe('http2');
  });

  it('checks health over TLS on 443', () => {
    const [c] = buildContainerDefinitions({
      ...base,
      region: 'us-east-1',
      healthCheck: tlsHealthCheck('/health'),
    });
    expect(c?.healthCheck?.command).toEqual([
      'CMD-SHELL',
      'curl --fail --silent --show-error -k https://127.0.0.1:443/health || exit 1',
    ]);
  });
});
